// Dossier submission load for `make bench` (scripts/bench-eservices.sh): N dossiers of 3 signed documents
// (distinct bytes, signed by the demo enterprise's key), sent by C clients at once, each as fast as it can.
//
//   eservices_submit --db URL --mode http --port P --cookie NAME=VALUE --csrf TOKEN [--clients 8] [--dossiers 160]
//   eservices_submit --db URL --mode insert|insert-bytes [--clients 8] [--dossiers 160]
//
// http:   POST /api/v1/eservices/dossiers on 127.0.0.1:P (keep-alive, one connection per client): the server
//         decodes, hashes, verifies every signature (chain, CRL, registered certificate) and stores.
// insert: the same base64 bytes and signatures inserted by C threads into a plain table of the same
//         database (bench_raw_documents, one transaction per dossier), without any check: the floor the
//         submission is compared with.
// insert-bytes: the same, but the documents' bytes (BLOB / bytea, bound directly as the server stores them
//         since migration 0307) instead of their base64: the floor for what is written now.
// The database must hold the demo data (the enterprise's key is read from it). Documents and signatures are
// made before the clock starts. Prints "dossiers_per_second p50_ms p99_ms failures".
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "db/binary.h"
#include "db/database.h"
#include "eservices/demo.h"
#include "eservices/signatures.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string db_url, mode = "http", cookie, csrf;
  int port = 0, clients = 8, dossiers = 160;
  std::size_t size = 1 << 20;
};

struct Document {
  std::string name, content_base64, signature_base64, bytes;
};
using Dossier = std::vector<Document>;

std::vector<Dossier> make_dossiers(const Options& o, const hq::eservices::KeyAndCertificate& signer) {
  const std::vector<std::string> names = {"Văn bản đề nghị", "Danh mục hàng hóa nhập khẩu", "Tài liệu kèm theo"};
  std::string filler(o.size, '\0');
  std::mt19937_64 rng(2026);
  for (std::size_t i = 0; i + 8 <= filler.size(); i += 8) {
    const auto v = rng();
    std::memcpy(filler.data() + i, &v, 8);
  }
  std::vector<Dossier> out(static_cast<std::size_t>(o.dossiers));
  for (std::size_t d = 0; d < out.size(); ++d)
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::string bytes = filler;
      const std::string tag = "%PDF-1.4 bench dossier " + std::to_string(d) + " document " + std::to_string(k) + "\n";
      bytes.replace(0, tag.size(), tag);  // distinct bytes: no document is stored twice
      out[d].push_back({names[k], hq::eservices::base64_encode(bytes),
                        hq::eservices::base64_encode(hq::eservices::sign_detached_cms(bytes, signer)), bytes});
    }
  return out;
}

std::string body_of(const Dossier& dossier) {
  std::string body = R"({"procedure_code":"I.01","unit_code":"02CI","documents":[)";
  for (std::size_t k = 0; k < dossier.size(); ++k)
    body += std::string(k ? "," : "") + R"({"name":")" + dossier[k].name + R"(","content_base64":")" +
            dossier[k].content_base64 + R"(","signature_base64":")" + dossier[k].signature_base64 + R"("})";
  return body + "]}";
}

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) throw std::runtime_error("connect");
  return fd;
}

// One request on a keep-alive connection; returns the status (0 when the connection failed).
int send_request(int fd, const std::string& request) {
  for (std::size_t sent = 0; sent < request.size();) {
    const auto n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return 0;
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  char buffer[16384];
  std::size_t header_end = std::string::npos, length = 0;
  while (true) {
    const auto n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return 0;
    response.append(buffer, static_cast<std::size_t>(n));
    if (header_end == std::string::npos && (header_end = response.find("\r\n\r\n")) != std::string::npos) {
      std::string head = response.substr(0, header_end);
      std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
      const auto at = head.find("content-length:");
      length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 15));
    }
    if (header_end != std::string::npos && response.size() >= header_end + 4 + length) break;
  }
  return std::atoi(response.c_str() + 9);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Dossier submission load: over HTTP, or the same bytes inserted without checks (make bench)."};
  Options o;
  cli.add_option("--db", o.db_url, "database URL with the demo data")->required();
  cli.add_option("--mode", o.mode, "http | insert | insert-bytes")->check(CLI::IsMember({"http", "insert", "insert-bytes"}));
  cli.add_option("--port", o.port, "server port (http)");
  cli.add_option("--cookie", o.cookie, "session cookie NAME=VALUE of the demo enterprise (http)");
  cli.add_option("--csrf", o.csrf, "its CSRF token (http)");
  cli.add_option("--clients", o.clients, "clients at once");
  cli.add_option("--dossiers", o.dossiers, "dossiers in all");
  cli.add_option("--size", o.size, "bytes per document");
  CLI11_PARSE(cli, argc, argv);
  try {
    hq::db::Database db(o.db_url, static_cast<std::size_t>(o.clients));
    const auto [key, certificate] = hq::eservices::demo_enterprise_key(db);
    if (key.empty()) throw std::runtime_error("no demo enterprise key: run `haiquan demo` first");
    const auto dossiers = make_dossiers(o, {key, certificate});
    std::vector<std::string> bodies;
    if (o.mode == "http")
      for (const auto& d : dossiers) {
        const std::string body = body_of(d);
        bodies.push_back("POST /api/v1/eservices/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Cookie: " + o.cookie + "\r\nX-CSRF-Token: " + o.csrf + "\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body);
      }
    else
      db.transaction([&](soci::session& sql) {
        const std::string content = o.mode == "insert" ? "content_base64 text"
                                    : db.backend() == hq::db::Backend::Sqlite ? "content BLOB" : "content bytea";
        sql << "DROP TABLE IF EXISTS bench_raw_documents";
        sql << "CREATE TABLE bench_raw_documents (id bigint PRIMARY KEY, dossier bigint NOT NULL, name text NOT NULL, " +
                   content + " NOT NULL, signature_base64 text NOT NULL)";
      });

    std::atomic<int> next{0}, failures{0};
    std::vector<double> latencies(dossiers.size());
    const auto start = Clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < o.clients; ++c)
      clients.emplace_back([&] {
        int fd = o.mode == "http" ? connect_to(o.port) : -1;
        for (int i; (i = next++) < o.dossiers;) {
          const auto t0 = Clock::now();
          const auto index = static_cast<std::size_t>(i);
          if (o.mode == "http") {
            const int status = send_request(fd, bodies[index]);
            if (status != 201) {
              ++failures;
              std::fprintf(stderr, "eservices_submit: dossier %d answered %d%s\n", i, status,
                           status ? "" : " (connection closed)");
              if (status == 0) { close(fd); fd = connect_to(o.port); }
            }
          } else if (o.mode == "insert-bytes") {
            db.transaction([&](soci::session& sql) {
              for (std::size_t k = 0; k < dossiers[index].size(); ++k) {
                const auto& doc = dossiers[index][k];
                hq::db::execute_binary(sql, "INSERT INTO bench_raw_documents (id, dossier, name, content, signature_base64) "
                                            "VALUES ($1, $2, $3, $4, $5)",
                                       {static_cast<long long>(index * 3 + k), static_cast<long long>(i),
                                        std::string_view(doc.name), hq::db::Bytes{doc.bytes},
                                        std::string_view(doc.signature_base64)});
              }
            });
          } else {
            db.transaction([&](soci::session& sql) {
              for (std::size_t k = 0; k < dossiers[index].size(); ++k) {
                const long long id = static_cast<long long>(index * 3 + k), dossier = i;
                sql << "INSERT INTO bench_raw_documents (id, dossier, name, content_base64, signature_base64) "
                       "VALUES (:i, :d, :n, :c, :s)",
                    soci::use(id), soci::use(dossier), soci::use(dossiers[index][k].name),
                    soci::use(dossiers[index][k].content_base64), soci::use(dossiers[index][k].signature_base64);
              }
            });
          }
          latencies[index] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        }
        if (fd >= 0) close(fd);
      });
    for (auto& t : clients) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (o.mode != "http") db.transaction([](soci::session& sql) { sql << "DROP TABLE bench_raw_documents"; });
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double q) { return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(q * latencies.size()))]; };
    std::printf("%.2f %.1f %.1f %d\n", o.dossiers / seconds, at(0.5), at(0.99), failures.load());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "eservices_submit: %s\n", error.what());
    return 1;
  }
  return 0;
}
