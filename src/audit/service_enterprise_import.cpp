#include "audit/service.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "audit/import_problems.h"
#include "audit/import_rows.h"
#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

namespace {

constexpr std::size_t kImportBatch = 500;  // rows checked and written together (one lookup per batch)

// An enterprise import inside the caller's transaction, streamed: rows are checked as they arrive and written
// in batches, so memory stays bounded whatever the file's size. After the first bad cell nothing more is
// written (the transaction rolls back: all or nothing), but every row is still checked, so the answer names
// every bad cell (line and column).
class EnterpriseImport {
 public:
  EnterpriseImport(soci::session& sql, const core::Principal& caller, std::int64_t at)
      : sql_(sql), caller_(caller), at_(at) {}

  void on_row(std::int64_t line, std::vector<std::string>& cells) {
    if (!header_seen_) {
      header_seen_ = true;
      for (auto& name : cells) header_.push_back(core::trim(name));
      return;
    }
    if (++rows_ == 1 && std::find(header_.begin(), header_.end(), "tax_code") == header_.end())
      core::bad_input("INVALID_IMPORT", "Dòng tiêu đề phải có cột «tax_code» (và «name» cho doanh nghiệp mới).");
    // Member by member: GCC 12 at -O3 reports the aggregate form's empty TaxCode as maybe-uninitialized (a false
    // positive that -Werror turns into a failed Release build, i.e. `make bench`).
    Pending row;
    row.line = line;
    row.fields = json::object();
    bool bad = false;
    for (std::size_t c = 0; c < header_.size() && c < cells.size(); ++c) {
      if (cells[c].empty() || header_[c].empty()) continue;
      if (header_[c] != "charter_capital" && header_[c] != "compliance_level") {
        row.fields[header_[c]] = std::move(cells[c]);
        continue;
      }
      try {
        row.fields[header_[c]] = whole_number(cells[c]);
      } catch (const std::logic_error&) {
        problem(line, header_[c], "Vốn điều lệ và mức độ tuân thủ phải là số nguyên.");
        bad = true;
      }
    }
    try {
      row.code = parse_tax(row.fields.value("tax_code", ""));
    } catch (const Error& error) {
      problem(line, "tax_code", error.what());
      bad = true;
    }
    if (bad) return;
    batch_.push_back(std::move(row));
    if (batch_.size() >= kImportBatch) flush();
  }

  void flush() {
    std::vector<std::string> codes;
    for (const auto& row : batch_) codes.push_back(row.code.canonical);
    for (auto& e : store::enterprises_by_tax_codes(sql_, codes)) known_[e.tax_code] = std::move(e);
    for (auto& row : batch_) {
      const auto it = known_.find(row.code.canonical);
      const bool existing = it != known_.end();
      store::Enterprise e = existing ? it->second : store::Enterprise{};
      e.tax_code = row.code.canonical;
      e.tax_kind = tax_kind(row.code.kind);
      if (!existing) e.source = "IMPORT";
      json changes;
      try {
        changes = apply_fields(e, row.fields);
      } catch (const Error& error) {
        problem(row.line, error.details().value("field", ""), error.what());
        continue;
      }
      if (!problems_.any() && !(existing && changes.empty())) write(e, existing, changes);
      known_[e.tax_code] = std::move(e);  // a later row of the file with the same code sees this one
    }
    batch_.clear();
    known_.clear();
  }

  // The verdict once every row was read: throws when the file was empty or had a bad cell.
  ImportResult finish() {
    flush();
    problems_.verdict(rows_);
    return problems_.result;
  }

 private:
  struct Pending {
    std::int64_t line = 0;
    core::TaxCode code;
    json fields;
  };

  void problem(std::int64_t line, const std::string& column, const std::string& message) {
    problems_.add(line, column, message);
  }

  void write(store::Enterprise& e, bool existing, const json& changes) {
    if (existing) {
      store::update_enterprise(sql_, e, at_);
      ++problems_.result.updated;
    } else {
      e.id = store::insert_enterprise(sql_, e, caller_.account_id, at_);
      ++problems_.result.created;
    }
    store::insert_enterprise_change(sql_, e.id, {at_, caller_.username, caller_.unit_code, "IMPORT", changes.dump()});
  }

  soci::session& sql_;
  const core::Principal& caller_;
  std::int64_t at_;
  bool header_seen_ = false;
  std::vector<std::string> header_;
  std::int64_t rows_ = 0;
  ImportProblems problems_;
  std::vector<Pending> batch_;
  std::map<std::string, store::Enterprise> known_;  // this batch's enterprises, as the file leaves them
};

}  // namespace

ImportResult AuditService::import_enterprises(const core::Principal& caller, const std::string& body) {
  require_audit_user(caller);
  // One transaction: a file with any bad cell changes nothing, and the answer lists every bad cell.
  return db_.transaction([&](soci::session& sql) {
    EnterpriseImport import(sql, caller, now());
    const RowVisitor visit = [&](std::int64_t line, std::vector<std::string>& cells) { import.on_row(line, cells); };
    each_import_row(body, visit);
    const ImportResult result = import.finish();
    history::append(sql, caller, {"audit.enterprise.import", "audit_enterprise", "import",
                                  "Nhập danh bạ doanh nghiệp: " + std::to_string(result.created) + " mới, " +
                                      std::to_string(result.updated) + " cập nhật"});
    return result;
  });
}
}  // namespace hq::audit
