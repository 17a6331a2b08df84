#pragma once
// A fresh SQLite database with the platform and audit schema, demo-like units, and principals for each
// role, for the store and service tests.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "audit/service.h"
#include "core/error.h"
#include "core/tax_codes.h"
#include "db/database.h"
#include "db/migrate.h"
#include "identity/service.h"
#include "identity/store.h"
#include "tests/support/errors.h"

namespace hq::audit::testing {

// A valid 10-digit tax code made from `n`: "01" and n as digits 3–9 (core::sample_tax_code).
inline std::string tax_code(long long n) { return core::sample_tax_code("01", n); }

using test::error_code;  // tests/support/errors.h

class AuditFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("haiquan-audit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
                .string();
    std::filesystem::remove(path_);
    db_ = std::make_unique<db::Database>("sqlite:" + path_, 4);
    db::apply_migrations(*db_);
    identity::IdentityService identity(*db_);
    identity.create_unit_as_system({"00", "Tổng cục Hải quan", "TONG_CUC", "", "", ""});
    identity.create_unit_as_system({"02", "Cục Hải quan TP. Hồ Chí Minh", "CUC", "00", "", ""});
    identity.create_unit_as_system({"02CI", "Chi cục HQ CK cảng Sài Gòn KV I", "CHI_CUC", "02", "", ""});
    identity.create_unit_as_system({"03", "Cục Hải quan TP. Hải Phòng", "CUC", "00", "", ""});
    identity.create_unit_as_system({"03CC", "Chi cục HQ CK cảng Hải Phòng KV I", "CHI_CUC", "03", "", ""});
    identity.create_unit_as_system({"KTSTQ", "Cục Kiểm tra sau thông quan", "CUC", "00", "", ""});
    service_ = std::make_unique<AuditService>(*db_);
    service_->set_clock([this] { return now_; });
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  core::Principal user(const std::string& unit_code, std::vector<std::string> roles, const std::string& name = "") {
    const auto unit = db_->read([&](soci::session& sql) { return identity::store::find_unit(sql, unit_code); });
    core::Principal p;
    p.account_id = unit->id * 100 + static_cast<std::int64_t>(roles.size());
    p.username = name.empty() ? unit_code + "." + roles.front() : name;
    p.unit_id = unit->id;
    p.unit_code = unit->code;
    p.unit_path = unit->path;
    p.roles = std::move(roles);
    p.client_address = "127.0.0.1";
    return p;
  }
  core::Principal officer(const std::string& unit) { return user(unit, {"audit.officer"}); }
  core::Principal leader(const std::string& unit) { return user(unit, {"audit.leader"}); }

  store::Enterprise enterprise(long long n, const std::string& name) {
    return service_->create_enterprise(leader("KTSTQ"), {{"tax_code", tax_code(n)}, {"name", name}});
  }

  CreatedProposal propose(const core::Principal& who, const std::string& code, const std::string& place = "PREMISES") {
    const auto found = service_->search(who, code);
    return service_->create_proposal(who, ProposalInput{code, place, "RISK_MANAGEMENT", found.search_id,
                                                        {2024, 1, 1}, {2025, 12, 31}, false});
  }

  void set_today(int y, int m, int d, int hour = 10) { now_ = core::from_local({{y, m, d}, hour, 0, 0}); }

  std::string path_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<AuditService> service_;
  std::int64_t now_ = core::from_local({{2026, 6, 15}, 10, 0, 0});  // a Monday
};

}  // namespace hq::audit::testing
