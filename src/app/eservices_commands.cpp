#include "app/module_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.h"
#include "db/database.h"
#include "eservices/demo.h"
#include "eservices/service.h"
#include "eservices/signatures.h"

namespace hq::app {

namespace {

std::string key_file, certificate_file;
int fetch_timeout = 20;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Error(core::ErrorKind::BadInput, "FILE_NOT_FOUND", "Không mở được tệp " + path + ".");
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

CLI::App* add_eservices_sign(CLI::App& eservices, Options& options) {
  auto* sign = eservices.add_subcommand("sign", "Sign a file (detached CMS, DER) for a dossier: tests and demo");
  sign->add_option("--input", options.input, "The document to sign")->required();
  sign->add_option("--output", options.output, "Where to write the signature (default: <input>.p7s)");
  sign->add_option("--key", key_file, "Signer's private key (PEM); default: the demo enterprise's (needs --db)");
  sign->add_option("--cert", certificate_file, "Signer's certificate (PEM)");
  sign->add_option("--db", options.db_url, "sqlite:PATH or postgresql://… holding `haiquan demo` data (env HAIQUAN_DB)");
  return sign;
}

int run_eservices_sign(const Options& options) {
  eservices::KeyAndCertificate signer;
  if (!key_file.empty()) {
    if (certificate_file.empty()) throw core::Error(core::ErrorKind::BadInput, "MISSING_OPTION", "--key cần đi kèm --cert.");
    signer = {read_file(key_file), read_file(certificate_file)};
  } else {
    db::Database db(options.db_url, 1);
    auto [key, certificate] = eservices::demo_enterprise_key(db);
    if (key.empty())
      throw core::Error(core::ErrorKind::NotFound, "NO_DEMO_KEY",
                        "Cơ sở dữ liệu chưa có dữ liệu mẫu dịch vụ công: chạy haiquan demo trước, hoặc dùng --key/--cert.");
    signer = {key, certificate};
  }
  const std::string output = options.output.empty() ? options.input + ".p7s" : options.output;
  std::ofstream(output, std::ios::binary) << eservices::sign_detached_cms(read_file(options.input), signer);
  std::cout << output << '\n';
  return 0;
}

CLI::App* add_eservices_install_signing_key(CLI::App& eservices, Options& options) {
  auto* install = eservices.add_subcommand("install-signing-key", "Install the customs key and certificate results are signed with");
  install->add_option("--key", key_file, "The private key (PEM, unencrypted; keep the file readable by the installer only)")->required();
  install->add_option("--cert", certificate_file, "Its certificate (PEM)")->required();
  install->add_option("--db", options.db_url, "sqlite:PATH or postgresql://… (env HAIQUAN_DB)");
  return install;
}

int run_eservices_install_signing_key(const Options& options) {
  db::Database db(options.db_url, 1);
  const auto info = eservices::EServicesService(db).install_signing_key(
      "cli", {read_file(key_file), read_file(certificate_file)});
  std::cout << "Đã cài chứng thư ký kết quả: " << info.subject << "\n  số hiệu " << info.serial << ", hiệu lực đến "
            << core::format_iso8601(info.not_after) << "\n  SHA-256 " << info.fingerprint << '\n';
  return 0;
}

CLI::App* add_eservices_refresh_crls(CLI::App& eservices, Options& options) {
  auto* refresh = eservices.add_subcommand("refresh-crls", "Fetch and install the CRLs of the trust anchors' and certificates' distribution points");
  refresh->add_option("--db", options.db_url, "sqlite:PATH or postgresql://… (env HAIQUAN_DB)");
  refresh->add_option("--timeout", fetch_timeout, "Seconds per distribution point (default 20)")->check(CLI::Range(1, 300));
  return refresh;
}

int run_eservices_refresh_crls(const Options& options) {
  db::Database db(options.db_url, 1);
  const auto report = eservices::EServicesService(db).refresh_crls(
      [](const std::string& url) { return eservices::fetch_crl(url, fetch_timeout); });
  for (const auto& line : report.installed) std::cout << "cài mới  " << line << '\n';
  for (const auto& line : report.unchanged) std::cout << "không đổi " << line << '\n';
  for (const auto& line : report.failed) std::cerr << "lỗi     " << line << '\n';
  return report.failed.empty() ? 0 : 3;  // a failed point is retried by the next run; the exit code tells cron
}

}  // namespace

std::vector<ModuleCommand> add_eservices_commands(CLI::App& cli, Options& options) {
  auto* eservices = cli.add_subcommand("eservices", "Online public services (dịch vụ công trực tuyến)");
  eservices->require_subcommand(1);
  return {{add_eservices_sign(*eservices, options), run_eservices_sign},
          {add_eservices_install_signing_key(*eservices, options), run_eservices_install_signing_key},
          {add_eservices_refresh_crls(*eservices, options), run_eservices_refresh_crls}};
}

}  // namespace hq::app
