#include "app/trs_commands.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <tuple>

#include "app/progress.h"
#include "core/error.h"
#include "db/migrate.h"
#include "identity/crypto.h"
#include "trs/study/study_service.h"
#include "trs/engine/xlsx_reader.h"

namespace hq::app {
namespace {

std::unique_ptr<db::Database> open_study_db(const std::string& url) {
  auto db = std::make_unique<db::Database>(url, 2);
  if (!db::pending_migrations(*db).empty())
    throw core::Error(core::ErrorKind::Unavailable, "MIGRATIONS_PENDING",
                      "Cơ sở dữ liệu chưa được cập nhật lược đồ. Chạy: haiquan migrate --db " + url);
  return db;
}

// Counts the bytes the CSV reader has taken, for the progress bar.
class CountingSource : public trs::ByteSource {
 public:
  explicit CountingSource(std::unique_ptr<trs::ByteSource> inner) : inner_(std::move(inner)) {}
  std::size_t read(char* dst, std::size_t n) override {
    const std::size_t got = inner_->read(dst, n);
    bytes += got;
    return got;
  }
  std::size_t bytes = 0;

 private:
  std::unique_ptr<trs::ByteSource> inner_;
};

// The share of the file read and the rows so far, on stderr (app/progress.h).
class FileProgress {
 public:
  explicit FileProgress(std::size_t total_bytes) : total_(total_bytes) {}
  void update(std::size_t rows, std::size_t bytes, bool final = false) { bar_.draw(bytes, total_, rows, "dòng", final); }

 private:
  std::size_t total_;
  ProgressBar bar_;
};

void print_error(const core::Error& e) {
  std::cerr << "Lỗi [" << e.code() << "]: " << e.what() << '\n';
  const auto& cells = e.details().contains("bad_cells") ? e.details()["bad_cells"] : nlohmann::json::array();
  std::size_t shown = 0;
  for (const auto& c : cells) {
    if (++shown > 50) {
      std::cerr << "  … (" << cells.size() - 50 << " ô lỗi khác)\n";
      break;
    }
    std::cerr << "  " << c.value("message", "") << '\n';
  }
}

// Runs a trs command: a core::Error is printed with its bad cells, any other error as one line; exit code 1.
// With `after_progress` a progress bar may hold the current line, so the error starts on a new one.
int run_reporting_errors(const std::function<int()>& command, bool after_progress = false) {
  const char* const newline = after_progress ? "\n" : "";
  try {
    return command();
  } catch (const core::Error& e) {
    std::cerr << newline;
    print_error(e);
  } catch (const std::exception& e) {
    std::cerr << newline << "Lỗi: " << e.what() << '\n';
  }
  return 1;
}

struct CreateStudyOptions {
  std::string name, week_start, branches, excluded, world_bank, period_start, period_end;
  int year = 0, follow_up_days = 30, agency_weeks = 1;
} create_options;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

CLI::App* add_trs_create_study(CLI::App& trs, Options&) {
  auto* cmd = trs.add_subcommand("create-study", "Set up a stored study (as the system); prints its id");
  cmd->add_option("--name", create_options.name, "Study name")->required();
  cmd->add_option("--year", create_options.year, "Year (default: the week's)");
  cmd->add_option("--week-start", create_options.week_start, "Monday of the measurement week, YYYY-MM-DD")->required();
  cmd->add_option("--branches", create_options.branches,
                  "Participating branches CODE:ROUTE[:RULE],… RULE = FULL_WEEK or WED_FRI for interval (3) (default: "
                  "ROAD FULL_WEEK, SEA/AIR WED_FRI), e.g. 02CI:SEA,01B1:AIR,51CB:SEA:FULL_WEEK")
      ->required();
  cmd->add_option("--agency-weeks", create_options.agency_weeks,
                  "Specialised-inspection agencies sample from 1 or 2 working weeks before the week (default 1)");
  cmd->add_option("--exclude-types", create_options.excluded, "Excluded declaration type codes, comma-separated");
  cmd->add_option("--world-bank-branches", create_options.world_bank, "HCMC seaport branch codes (default 02CI)");
  cmd->add_option("--follow-up-days", create_options.follow_up_days, "Working days after the week (default 30)");
  cmd->add_option("--period-start", create_options.period_start,
                  "A study shorter than the week: first instant sampled, \"YYYY-MM-DD HH:MM\" local (default Monday 00:00)");
  cmd->add_option("--period-end", create_options.period_end,
                  "… and the instant the sample ends, \"YYYY-MM-DD HH:MM\" local (default Saturday 24:00)");
  return cmd;
}

int run_trs_create_study(const Options& options) {
  return run_reporting_errors([&] {
    identity::init_crypto();
    trs::StudyConfig config;
    config.name = create_options.name;
    const auto week = core::parse_date(create_options.week_start);
    if (!week) throw core::Error(core::ErrorKind::BadInput, "INVALID_FIELD", "--week-start phải là ngày dạng YYYY-MM-DD.");
    config.week_start = *week;
    config.year = create_options.year ? create_options.year : week->year;
    for (const auto& item : split_list(create_options.branches)) {
      const auto colon = item.find(':');
      const auto colon2 = colon == std::string::npos ? colon : item.find(':', colon + 1);
      const std::string code = item.substr(0, colon);
      const std::string route = colon == std::string::npos ? "SEA" : item.substr(colon + 1, colon2 - colon - 1);
      trs::SamplingRule rule = trs::default_sampling_rule(route);
      if (colon2 != std::string::npos) {
        const auto parsed = trs::parse_sampling_rule(item.substr(colon2 + 1));
        if (!parsed)
          throw core::Error(core::ErrorKind::BadInput, "INVALID_FIELD",
                            "--branches: quy tắc chọn mẫu của chi cục " + code + " \"" + item.substr(colon2 + 1) +
                                "\" phải là FULL_WEEK hoặc WED_FRI.");
        rule = *parsed;
      }
      config.branches.push_back({code, route, rule});
    }
    config.agency_weeks_before = create_options.agency_weeks;
    config.excluded_type_codes = split_list(create_options.excluded);
    if (!create_options.world_bank.empty()) config.world_bank_branches = split_list(create_options.world_bank);
    config.follow_up_days = create_options.follow_up_days;
    for (auto [text, slot, option] : {std::tuple{&create_options.period_start, &trs::StudyConfig::period_start, "--period-start"},
                                      {&create_options.period_end, &trs::StudyConfig::period_end, "--period-end"}}) {
      if (text->empty()) continue;
      std::string why;
      config.*slot = trs::parse_time_cell(*text, &why);
      if (!(config.*slot))
        throw core::Error(core::ErrorKind::BadInput, "INVALID_FIELD",
                          std::string(option) + " \"" + *text + "\" không phải thời điểm hợp lệ: " + why);
    }
    auto db = open_study_db(options.db_url);
    std::cout << trs::StudyService(*db).create_study_as_system(config) << '\n';
    return 0;
  });
}

CLI::App* add_trs_agency_list(CLI::App& trs, Options& options) {
  auto* cmd = trs.add_subcommand("agency-list",
                                 "The list sent to the ministries: per agency, every sampled declaration with specialised "
                                 "inspection (declaration, bill of lading, registration and certificate numbers)");
  cmd->add_option("--study", options.study_id, "Study id")->required();
  cmd->add_option("--format", options.format, "csv or xlsx (default csv)")->check(CLI::IsMember({"csv", "xlsx", "json"}));
  cmd->add_option("--output", options.output, "Output file (required for xlsx; csv goes to stdout without it)");
  cmd->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  return cmd;
}

int run_trs_agency_list(const Options& options) {
  const std::string format = options.format == "json" ? "csv" : options.format;  // json is the other commands' default
  if (format == "xlsx" && options.output.empty()) {
    std::cerr << "Lỗi: định dạng xlsx cần đường dẫn tệp kết quả (--output).\n";
    return 2;
  }
  return run_reporting_errors([&] {
    auto db = open_study_db(options.db_url);
    const auto rows = trs::StudyService(*db).agency_list(nullptr, options.study_id);
    if (format == "xlsx") {
      trs::write_agency_list_xlsx(options.output, rows);
    } else if (options.output.empty()) {
      std::cout << trs::agency_list_csv(rows);
      return 0;
    } else {
      std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
      file << trs::agency_list_csv(rows);
      file.close();
      if (!file) throw std::runtime_error("không ghi được tệp " + options.output);
    }
    std::cout << "Đã ghi danh sách gửi các Bộ, ngành vào " << options.output << " (" << rows.size() << " dòng).\n";
    return 0;
  });
}

int run_trs_import(const Options& options) {
  return run_reporting_errors([&] {
    identity::init_crypto();
    auto db = open_study_db(options.db_url);
    trs::StudyService service(*db);
    const bool xlsx = trs::looks_like_xlsx(options.input);
    std::error_code ec;
    const auto size = std::filesystem::file_size(options.input, ec);
    FileProgress bar(ec ? 0 : static_cast<std::size_t>(size));
    CountingSource* counting = nullptr;
    trs::ImportOptions import_options;
    import_options.skip_invalid = options.skip_invalid;
    import_options.progress = [&](std::size_t rows) { bar.update(rows, counting ? counting->bytes : 0); };
    const auto result = service.import_records(
        nullptr, options.study_id,
        [&](trs::RecordSink& sink) {
          if (!options.events.empty() || xlsx) {
            trs::read_records_file(options.input,
                                   options.events.empty() ? std::nullopt : std::optional<std::string>(options.events), sink);
            return;
          }
          CountingSource source(trs::open_file_source(options.input));
          counting = &source;
          trs::read_wide_csv(source, sink);
          counting = nullptr;
        },
        import_options);
    bar.update(result.rows, ec ? 0 : static_cast<std::size_t>(size), true);
    std::cout << "Đã nhập " << result.stored << " tờ khai vào cuộc đo " << options.study_id << " (" << result.created
              << " mới, " << result.replaced << " thay thế, " << result.skipped << " dòng lỗi bỏ qua).\n";
    if (result.bad_cell_count) {
      for (const auto& p : result.bad_cells) std::cerr << "  " << p.message << '\n';
    }
    return 0;
  }, true);
}

int run_trs_report(const Options& options) {
  if (options.format != "json" && options.format != "text" && options.format != "xlsx") {
    std::cerr << "Lỗi: định dạng \"" << options.format << "\" không được hỗ trợ (json, text hoặc xlsx).\n";
    return 2;
  }
  if (options.format == "xlsx" && options.output.empty()) {
    std::cerr << "Lỗi: định dạng xlsx cần đường dẫn tệp kết quả (--output).\n";
    return 2;
  }
  return run_reporting_errors([&] {
    auto db = open_study_db(options.db_url);
    trs::StudyService service(*db);
    if (options.format == "json") {  // the report kept ready on the study (computed and kept when out of date)
      const std::string body = service.report_json(nullptr, options.study_id, options.fresh);
      if (options.output.empty()) {
        std::cout << body << '\n';
      } else {
        std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
        file << body << '\n';
      }
      return 0;
    }
    const trs::Report report = service.report(nullptr, options.study_id);
    if (options.format == "xlsx") {
      trs::write_xlsx(options.output, report);
      std::cout << "Đã ghi báo cáo vào " << options.output << " (" << report.records.analysed
                << " tờ khai được phân tích).\n";
      return 0;
    }
    std::ofstream file;
    if (!options.output.empty()) file.open(options.output);
    std::ostream& out = options.output.empty() ? std::cout : file;
    trs::write_text(out, report);
    return 0;
  });
}

}  // namespace hq::app
