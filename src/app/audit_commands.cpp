#include "app/module_command.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/progress.h"
#include "audit/risk/service.h"
#include "audit/service.h"
#include "identity/store.h"
#include "core/error.h"
#include "db/migrate.h"

namespace hq::app {

namespace {

// The file mapped read-only: the import streams over it without a copy in memory.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY);
    if (fd_ < 0) throw core::Error(core::ErrorKind::BadInput, "FILE_UNREADABLE", "Không mở được tệp " + path + ".");
    struct stat st {};
    ::fstat(fd_, &st);
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
      if (data_ == MAP_FAILED) throw core::Error(core::ErrorKind::BadInput, "FILE_UNREADABLE", "Không đọc được tệp " + path + ".");
      ::madvise(data_, size_, MADV_SEQUENTIAL);
    }
  }
  ~MappedFile() {
    if (data_ && data_ != MAP_FAILED) ::munmap(data_, size_);
    if (fd_ >= 0) ::close(fd_);
  }
  std::string_view bytes() const { return data_ ? std::string_view(static_cast<const char*>(data_), size_) : std::string_view(); }
  // Gives back the pages before `offset`, which the reader has passed: a 20M-line extract (2.1 GB) no longer
  // stays in the import's memory. The mapping is private and never written, so a page read again (nothing
  // should) is simply read from the file again.
  void release_before(std::size_t offset) {
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t end = std::min(offset, size_) / page * page;
    if (!data_ || end <= released_) return;
    ::madvise(static_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }

 private:
  int fd_ = -1;
  void* data_ = nullptr;
  std::size_t size_ = 0, released_ = 0;
};

void draw(std::size_t done, std::size_t total, bool final) {
  static ProgressBar bar;
  bar.draw(done, total, done >> 20, "MiB", final);
}

CLI::App* add_audit_import_declarations(CLI::App& cli, Options& options) {
  auto* audit = cli.add_subcommand("audit", "Post-clearance audit (kiểm tra sau thông quan)");
  audit->require_subcommand(1);
  auto* cmd = audit->add_subcommand("import-declarations",
                                    "Import a declarations extract (CSV or .xlsx; all or nothing unless --skip-invalid)");
  cmd->add_option("file", options.input, "The extract: declaration_no,line,registered_at,tax_code,flow,…")->required();
  cmd->add_flag("--skip-invalid", options.skip_invalid, "Store the good lines and list the bad ones");
  cmd->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  return cmd;
}

int run_audit_import_declarations(const Options& options) {
  const bool tty = ::isatty(STDERR_FILENO);
  try {
    db::Database db(options.db_url, 2);
    if (!db::pending_migrations(db).empty())
      throw core::Error(core::ErrorKind::Unavailable, "MIGRATIONS_PENDING",
                        "Cơ sở dữ liệu chưa được cập nhật lược đồ. Chạy: haiquan migrate --db " + options.db_url);
    MappedFile file(options.input);
    audit::risk::RiskService service(db);
    audit::risk::ImportOptions import_options;
    import_options.skip_invalid = options.skip_invalid;
    import_options.progress = [&](std::size_t done, std::size_t total) {
      file.release_before(done);  // called by the reading thread only
      if (tty) draw(done, total, false);
    };
    const auto started = std::chrono::steady_clock::now();
    const auto result = service.import_declarations(nullptr, file.bytes(), import_options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (tty) draw(file.bytes().size(), file.bytes().size(), true);
    std::cout << "Đã nhập " << result.imported << " dòng hàng (" << result.replaced << " thay thế, " << result.skipped
              << " dòng lỗi bỏ qua) trong " << seconds << " giây.\n";
    for (const auto& issue : result.issues) std::cerr << "  " << issue.message << '\n';
    return 0;
  } catch (const core::Error& e) {
    if (tty) std::cerr << '\n';
    std::cerr << "Lỗi [" << e.code() << "]: " << e.what() << '\n';
    if (e.details().contains("issues")) {
      std::size_t shown = 0;
      for (const auto& i : e.details()["issues"]) {
        if (++shown > 50) {
          std::cerr << "  … (tổng " << e.details().value("issue_count", 0) << " ô lỗi)\n";
          break;
        }
        std::cerr << "  " << i.value("message", "") << '\n';
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "Lỗi: " << e.what() << '\n';
  }
  return 1;
}

CLI::App* add_audit_import_stq01(CLI::App& audit, Options& options) {
  auto* cmd = audit.add_subcommand("import-stq01",
                                   "Import STQ01 proposals and collection requests (CSV or .xlsx; all or nothing)");
  cmd->add_option("file", options.input, "Số STQ01, Loại, Mã số thuế, Đơn vị, Ngày lập, Trạng thái, … (docs/openapi.yaml: POST /audit/stq01/import)")
      ->required();
  cmd->add_option("--as", options.as_user, "The account importing (a unit administrator or platform administrator)")
      ->required();
  cmd->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  return cmd;
}

int run_audit_import_stq01(const Options& options) {
  try {
    db::Database db(options.db_url, 2);
    if (!db::pending_migrations(db).empty())
      throw core::Error(core::ErrorKind::Unavailable, "MIGRATIONS_PENDING",
                        "Cơ sở dữ liệu chưa được cập nhật lược đồ. Chạy: haiquan migrate --db " + options.db_url);
    const auto account = db.read([&](soci::session& sql) { return identity::store::find_account(sql, options.as_user); });
    if (!account || account->status != "ACTIVE")
      throw core::Error(core::ErrorKind::BadInput, "ACCOUNT_NOT_FOUND",
                        "Không có tài khoản đang hoạt động tên «" + options.as_user + "».");
    core::Principal caller;
    caller.account_id = account->id, caller.username = account->username, caller.full_name = account->full_name;
    caller.unit_id = account->unit_id, caller.unit_code = account->unit_code, caller.unit_name = account->unit_name;
    caller.unit_level = account->unit_level, caller.unit_path = account->unit_path, caller.roles = account->roles;
    caller.client_address = "cli";
    MappedFile file(options.input);
    audit::AuditService service(db);
    const auto result = service.import_stq01(caller, std::string(file.bytes()));
    std::cout << "Đã nhập từ STQ01: " << result.created << " hồ sơ mới, " << result.updated << " hồ sơ đã có được cập nhật.\n";
    return 0;
  } catch (const core::Error& e) {
    std::cerr << "Lỗi [" << e.code() << "]: " << e.what() << '\n';
    if (e.details().contains("problems"))
      for (const auto& p : e.details()["problems"])
        std::cerr << "  dòng " << p.value("line", 0) << ", cột «" << p.value("column", "") << "»: " << p.value("message", "")
                  << '\n';
  } catch (const std::exception& e) {
    std::cerr << "Lỗi: " << e.what() << '\n';
  }
  return 1;
}

}  // namespace

std::vector<ModuleCommand> add_audit_commands(CLI::App& cli, Options& options) {
  CLI::App* declarations = add_audit_import_declarations(cli, options);
  return {{declarations, run_audit_import_declarations},
          {add_audit_import_stq01(*declarations->get_parent(), options), run_audit_import_stq01}};
}

}  // namespace hq::app
