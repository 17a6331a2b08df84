#pragma once
// The bad cells of an audit import (pure: no SQL): counted all, the first kListed named (line, column, message),
// and the verdict every import gives — 422 IMPORT_INVALID naming them, or 400 EMPTY_IMPORT. Shared by the
// enterprise and key-enterprise imports so both answer alike.
#include <cstdint>
#include <string>

#include "audit/service.h"

namespace hq::audit {

class ImportProblems {
 public:
  static constexpr std::size_t kListed = 1000;  // bad cells listed in the answer (all are counted)

  void add(std::int64_t line, const std::string& column, const std::string& message);
  bool any() const { return result.problem_count > 0; }
  // Throws when no data row was read or a cell was bad; returns otherwise.
  void verdict(std::int64_t data_rows) const;

  ImportResult result;  // the counts the import adds, and the problems

 private:
  std::int64_t bad_lines_ = 0, last_bad_line_ = 0;
};

}  // namespace hq::audit
