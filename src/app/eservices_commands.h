#pragma once
#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace hq::app {

// `haiquan eservices sign`: a detached CMS signature (DER) over a file, for tests and the demo — with a key and
// certificate in PEM files, or with the demo enterprise's key kept by `haiquan demo` (--db).
CLI::App* add_eservices_sign(CLI::App& eservices, Options& options);
int run_eservices_sign(const Options& options);

// `haiquan eservices install-signing-key --key K --cert C`: the customs authority's key and certificate results
// are signed with from now on (checked: the key is the certificate's, valid now, allowed to sign, not a CA).
CLI::App* add_eservices_install_signing_key(CLI::App& eservices, Options& options);
int run_eservices_install_signing_key(const Options& options);

// `haiquan eservices refresh-crls`: the background job (cron, systemd timer) that fetches the CRL of every
// distribution point named by the trust anchors and the registered certificates and installs the newer ones.
CLI::App* add_eservices_refresh_crls(CLI::App& eservices, Options& options);
int run_eservices_refresh_crls(const Options& options);

}  // namespace hq::app
