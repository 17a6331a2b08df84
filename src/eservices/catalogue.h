#pragma once
// The catalogue of procedures (annex of seed 002) and the General Department's settings per procedure.
// Pure data and rules: no SQL, no HTTP.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hq::eservices {

struct AnnexRow {
  const char* code;            // "I.01", "I.21-2" (the second row published as number 21), "II.42"
  const char* list;            // "I" | "II"
  int number;                  // as printed in the annex
  const char* name;
  int level;                   // 1–4 (art. 3.2)
  const char* executing_level; // CHI_CUC | CUC | TONG_CUC
};
const std::vector<AnnexRow>& annex();
const AnnexRow* find_annex_row(const std::string& code);
// Other rows of the annex that carry the same name (I.21-2 and I.23), so pages can show the duplicate.
std::vector<std::string> same_name_codes(const AnnexRow& row);
// Rows published under a number that is printed twice in their list (I.21 and I.21-2).
bool number_repeated(const AnnexRow& row);

struct RequiredDocument {
  std::string name;
  bool signed_copy = true;  // a signed electronic copy is required (enterprises)
};

// Set by the General Department (PUT /procedures/{code}/settings).
struct ProcedureSettings {
  std::int64_t processing_days = 0;  // legal processing time, working days (0 = not set yet)
  std::int64_t fee = 0;              // đồng
  std::vector<RequiredDocument> documents;
  std::string result_form = "ELECTRONIC";  // ELECTRONIC | PAPER
  std::int64_t updated_at = 0;
};

// Decree 42/2022 replaced the four levels with full / partial online service.
std::string decree42_form(int level);  // "FULL" (level 4) | "PARTIAL" (level 3) | "INFORMATION" (1–2)
bool accepts_online(int level);        // level ≥ 3
// Why the settings cannot be stored ("" when they can) and the field concerned.
std::string settings_problem(const ProcedureSettings& s, std::string& field);

}  // namespace hq::eservices
