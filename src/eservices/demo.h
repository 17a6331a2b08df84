#pragma once
#include <string>

#include "db/database.h"

namespace hq::eservices {

// Demo data for `haiquan demo`: settings of a few procedures, public-service officers and leaders of 02CI
// (password `password`), a demo CA installed as trust anchor, an enterprise with a certificate from it, a
// citizen, and dossiers in several states. Does nothing when the demo enterprise exists.
void add_demo_data(db::Database& db, const std::string& password);

// The demo CA and the enterprise's key (PEM) are kept in the settings table so `haiquan eservices sign` can
// sign documents for the demo: this returns {key_pem, certificate_pem} of the demo enterprise (empty when
// there is no demo data).
std::pair<std::string, std::string> demo_enterprise_key(db::Database& db);

}  // namespace hq::eservices
