#pragma once
// .xlsx downloads of the risk part: the activity profile and a run's candidates (through sheets::write_to_bytes).
#include <string>
#include <vector>

#include "audit/risk/service.h"

namespace hq::audit::risk {

std::string profile_xlsx(const Profile& profile);
std::string candidates_xlsx(const store::RunRow& run, const std::vector<store::CandidateRow>& candidates);

}  // namespace hq::audit::risk
