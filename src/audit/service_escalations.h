#pragma once
// Escalations of blocked proposals, the units' notices, and the escalation setting (issue 13 §3; seed 000 §2.2).
// Its own small service (one aggregate) beside AuditService, as payments are.
//
// Rights: the leader above both units (a leader of the escalation unit or of an ancestor, rules.h:
// may_approve_for) lists and decides an escalation, never one about a proposal they made themselves; a unit's
// notices are read by the audit users of that unit's subtree; the setting is kept by whoever keeps the key list
// (leaders of the audit department, platform administrators).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/escalation_rules.h"
#include "audit/store_escalations.h"
#include "core/principal.h"
#include "core/time.h"
#include "db/database.h"

namespace hq::audit {

struct EscalationView {
  store::Escalation escalation;
  EscalationState state = EscalationState::Waiting;
  std::string escalates_on;
  bool may_decide = false;  // the caller may decide it now
};

struct NoticePage {
  std::vector<store::Notice> items;
  std::int64_t total = 0, unread = 0;
};

class AuditEscalations {
 public:
  explicit AuditEscalations(db::Database& db) : db_(db) {}
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  int working_days(const core::Principal& caller);
  int set_working_days(const core::Principal& caller, int days);

  // The escalations of the caller's subtree (leaders), newest first; `state` filters (nullopt = all).
  std::vector<EscalationView> list(const core::Principal& caller, std::optional<EscalationState> state);
  EscalationView decide(const core::Principal& caller, std::int64_t id, EscalationState decision,
                        const std::string& note);

  NoticePage notices(const core::Principal& caller, bool unread_only, std::int64_t offset, std::int64_t limit);
  store::Notice mark_read(const core::Principal& caller, std::int64_t id);

 private:
  db::Database& db_;
  std::function<std::int64_t()> clock_ = [] { return core::now(); };
};

}  // namespace hq::audit
