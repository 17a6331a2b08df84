#include "app/eservices_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.h"
#include "db/database.h"
#include "eservices/demo.h"
#include "eservices/signatures.h"

namespace hq::app {

namespace {

std::string key_file, certificate_file;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Error(core::ErrorKind::BadInput, "FILE_NOT_FOUND", "Không mở được tệp " + path + ".");
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

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

}  // namespace hq::app
