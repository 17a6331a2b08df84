// The only translation unit that includes RESTinio: it converts RESTinio requests into our Request,
// hands them to the Router, and writes the Response back.
#include "http/server.h"
#include "http/request_framing.h"
#include "http/router.h"
#include "http/url.h"

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

namespace hq::http {

namespace {

using RestinioRequest = restinio::request_handle_t;

std::string method_name(const restinio::http_method_id_t& method) { return method.c_str(); }

// The path of a request target as it arrives ("/path?query").
std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::uint64_t body_limit(const ServerOptions& options, std::string_view path) {
  return is_upload_path(path) ? options.max_upload_bytes : options.max_body_bytes;
}

Response payload_too_large(std::string_view path, std::uint64_t size, std::uint64_t limit) {
  const auto mib = [](std::uint64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20); };
  return Response::error(
      413, "PAYLOAD_TOO_LARGE",
      is_upload_path(path) ? "Tệp tải lên dài " + mib(size) + " MiB, vượt quá giới hạn " + mib(limit) +
                                 " MiB. Tệp lớn hơn nhập bằng lệnh haiquan trs import trên máy chủ."
                           : "Nội dung yêu cầu dài " + mib(size) + " MiB, vượt quá giới hạn " + mib(limit) + " MiB.",
      {{"limit_bytes", limit}, {"size_bytes", size}});
}

// The answer to a request refused at its head (or, chunked, part way through its body).
Response refusal_response(const RequestFraming::Refusal& refusal) {
  const std::string_view path = path_of(refusal.target);
  if (refusal.status == 401) return unauthenticated();
  if (refusal.status == 400)
    return Response::error(400, "INVALID_FRAMING",
                           "Cách truyền nội dung yêu cầu không được hỗ trợ: chỉ nhận Content-Length hoặc "
                           "Transfer-Encoding: chunked hợp lệ.");
  if (refusal.chunked)
    return Response::error(413, "PAYLOAD_TOO_LARGE",
                           "Nội dung yêu cầu gửi từng phần (chunked) vượt quá giới hạn " +
                               std::to_string(refusal.limit >> 20) + " MiB.",
                           {{"limit_bytes", refusal.limit}});
  return payload_too_large(path, refusal.declared, refusal.limit);
}

std::string reason_phrase(int status);

// The server's options and router, for the sockets RESTinio constructs itself (set by serve() before it
// listens).
const ServerOptions* guarded_options = nullptr;
const Router* guarded_router = nullptr;

// A TCP socket that refuses a request as soon as its head arrives when its declared body is over its
// route's limit (413) or when it uploads a file without a valid session (401: the body is never read), and
// a chunked body once it grows over its limit: it writes the answer itself, then reads and discards what
// the client still sends (for at most 30 s), so the client reads the answer instead of a reset connection.
// Everything else passes through to RESTinio untouched (RESTinio can only drop such a connection, and only
// after buffering the body).
class GuardedSocket : public asio::ip::tcp::socket {
 public:
  explicit GuardedSocket(asio::io_context& io) : asio::ip::tcp::socket(io) {}

  template <class Buffers, class Handler>
  void async_read_some(const Buffers& buffers, Handler&& handler) {
    if (refusal_) return refuse(std::forward<Handler>(handler));
    if (!framing_)
      framing_.emplace(
          [](std::string_view target) { return body_limit(*guarded_options, path_of(target)); },
          [](std::string_view target, std::string_view cookie) {
            return !is_upload_path(path_of(target)) || guarded_router->has_session(cookie);
          });
    auto executor = asio::get_associated_executor(handler, get_executor());
    asio::ip::tcp::socket::async_read_some(
        buffers, asio::bind_executor(executor, [this, buffers, handler = std::forward<Handler>(handler)](
                                                   const asio::error_code& error, std::size_t n) mutable {
          if (!error) {
            const auto* data = static_cast<const char*>(asio::buffer_sequence_begin(buffers)->data());
            if ((refusal_ = framing_->feed({data, n}))) {
              if (refusal_->offset > 0) return handler(error, refusal_->offset);  // the requests before it first
              return refuse(std::move(handler));
            }
          }
          handler(error, n);
        }));
  }

 private:
  template <class Handler>
  void refuse(Handler&& handler) {
    const std::string_view target = refusal_->target;
    const Response response = refusal_response(*refusal_);
    std::string bytes = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers) bytes += name + ": " + value + "\r\n";
    for (const auto& [name, value] : security_headers()) bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n" + response.body;
    asio::error_code ignored;
    spdlog::warn("request refused at its head: target={} status={} declared_bytes={} limit_bytes={} chunked={} client={}",
                 log_safe(target), response.status, refusal_->declared, refusal_->limit, refusal_->chunked,
                 remote_endpoint(ignored).address().to_string());
    asio::write(*this, asio::buffer(bytes), ignored);
    shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    drain(std::forward<Handler>(handler), std::make_shared<std::array<char, 1 << 16>>(),
          std::chrono::steady_clock::now() + std::chrono::seconds(30));
  }

  // Reads into `scratch` (one buffer for the whole drain) until the client stops or the deadline passes.
  template <class Handler>
  void drain(Handler&& handler, std::shared_ptr<std::array<char, 1 << 16>> scratch,
             std::chrono::steady_clock::time_point deadline) {
    auto executor = asio::get_associated_executor(handler, get_executor());
    auto* buffer = scratch.get();
    asio::ip::tcp::socket::async_read_some(
        asio::buffer(*buffer),
        asio::bind_executor(executor, [this, scratch = std::move(scratch), deadline, handler = std::forward<Handler>(handler)](
                                          const asio::error_code& error, std::size_t) mutable {
          if (!error && std::chrono::steady_clock::now() < deadline)
            return drain(std::move(handler), std::move(scratch), deadline);
          handler(error ? error : asio::error::eof, 0);  // RESTinio closes the connection
        }));
  }

  std::optional<RequestFraming> framing_;  // made at the first read (a pooled socket is moved before that)
  std::optional<RequestFraming::Refusal> refusal_;
};

struct Traits : restinio::default_traits_t {
  using stream_socket_t = GuardedSocket;
};

bool convert(const RestinioRequest& raw, const ServerOptions& options, Request& out, Response& refusal) {
  const auto& header = raw->header();
  out.method = method_name(header.method());
  // RESTinio drops connections beyond its own (larger) limit; below it we can answer properly.
  if (header.request_target().size() > options.max_url_bytes) {
    refusal = Response::error(414, "URI_TOO_LONG",
                              "Địa chỉ yêu cầu dài quá " + std::to_string(options.max_url_bytes / 1024) + " KiB.");
    return false;
  }
  auto path = percent_decode(header.path());
  if (!path) {
    refusal = Response::error(400, "INVALID_PATH", "Đường dẫn chứa mã hóa phần trăm không hợp lệ.");
    return false;
  }
  out.path = std::move(*path);
  auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(header.query());
  if (!query) {
    refusal = Response::error(400, "INVALID_QUERY", "Chuỗi tham số truy vấn không hợp lệ.");
    return false;
  }
  for (const auto& [name, value] : *query) out.query[std::string(name)] = std::string(value);
  std::size_t header_bytes = 0;
  for (const auto& field : header) {
    std::string name = field.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    header_bytes += name.size() + field.value().size();
    out.headers[name] = field.value();
  }
  if (header_bytes > options.max_header_bytes) {
    refusal = Response::error(431, "HEADERS_TOO_LARGE", "Phần tiêu đề của yêu cầu quá lớn.");
    return false;
  }
  if (const std::uint64_t limit = body_limit(options, out.path); raw->body().size() > limit) {
    refusal = payload_too_large(out.path, raw->body().size(), limit);  // a chunked body, not framed ahead
    return false;
  }
  out.body = raw->body();
  out.client_address = raw->remote_endpoint().address().to_string();
  if (options.trust_proxy) {
    if (const std::string* forwarded = out.header("x-forwarded-for")) {
      const auto comma = forwarded->rfind(',');
      std::string last = forwarded->substr(comma == std::string::npos ? 0 : comma + 1);
      last.erase(0, last.find_first_not_of(' '));
      if (!last.empty() && last.size() <= 64) out.client_address = last;
    }
  }
  return true;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : (status < 500 ? "Client Error" : "Server Error");
  }
}

void reply(const RestinioRequest& raw, const Response& response, bool closing) {
  auto builder = raw->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
  for (const auto& [name, value] : response.headers) builder.append_header(name, value);
  for (const auto& [name, value] : security_headers()) builder.append_header(name, value);
  if (closing) builder.connection_close();
  if (raw->header().method() == restinio::http_method_head())
    builder.append_header("Content-Length", std::to_string(response.body.size()));
  else
    builder.set_body(response.body);
  builder.done();
}

// Bodies of megabytes (a dossier: 4 MB of base64, read, parsed and decoded) are allocated and freed on every
// request. By default glibc returns blocks over its mmap threshold to the kernel when they are freed, and
// trims the free memory at the top of each thread's heap, so every request faulted its buffers back in page
// by zeroed page: 19 % of the server's CPU at 8 clients submitting dossiers (perf, clear_page in the
// kernel). Blocks up to 32 MiB now come from the heaps, and up to 32 MiB of free memory stays at the top of
// each heap for the next request (larger uploads are still mapped and unmapped each time).
void keep_freed_memory_for_the_next_request() {
#ifdef __GLIBC__
  constexpr int kKeep = 32 * 1024 * 1024;  // glibc's largest mmap threshold on 64-bit (half a thread heap)
  if (!mallopt(M_MMAP_THRESHOLD, kKeep) || !mallopt(M_TRIM_THRESHOLD, kKeep))
    spdlog::warn("malloc tuning refused: request buffers are faulted in afresh for each request");
#endif
}

}  // namespace

void serve(const Router& router, const ServerOptions& options) {
  keep_freed_memory_for_the_next_request();
  guarded_options = &options;
  guarded_router = &router;
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  asio::io_context io_context;
  // Handlers run on a pool of their own, not on the threads that read and write the sockets: a handler that
  // waits (SQLite's writers' lock, a long query) no longer stops the other connections' bodies (megabytes of
  // documents) from being read meanwhile, so the next requests are ready when it is done.
  asio::thread_pool handlers(options.threads);

  auto settings = restinio::server_settings_t<Traits>{}
                      .port(options.port)
                      .address(options.address)
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_url_size(options.max_url_bytes * 8)
                                                    .max_field_name_size(1024)
                                                    .max_field_value_size(options.max_header_bytes)
                                                    .max_field_count(128)
                                                    .max_body_size(options.max_upload_bytes))
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(300))
                      .buffer_size(64 * 1024)  // RESTinio reads 4 KiB at a time: a 300 KB batch took 75 reads, a 4 MB body 1,000
                      .request_handler([&](RestinioRequest raw) {
                        ++in_flight;
                        asio::post(handlers, [&, raw] {
                          try {
                            Request request;
                            Response response;
                            if (draining)
                              response = Response::error(503, "SHUTTING_DOWN", "Máy chủ đang dừng, vui lòng thử lại sau.");
                            else if (convert(raw, options, request, response))
                              response = router.handle(request);
                            reply(raw, response, draining);  // RESTinio sends it on the connection's own thread
                          } catch (const std::exception& error) {
                            spdlog::error("request not answered: {}", error.what());
                          }
                          --in_flight;
                        });
                        return restinio::request_accepted();
                      });
  restinio::http_server_t<Traits> server{restinio::external_io_context(io_context), std::move(settings)};

  asio::signal_set signals(io_context, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(io_context);
  std::function<void(int)> wait_for_drain = [&](int attempts_left) {
    if (in_flight == 0 || attempts_left == 0) {
      server.close_async([&] { io_context.stop(); }, [&](std::exception_ptr) { io_context.stop(); });
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([&, attempts_left](const asio::error_code&) { wait_for_drain(attempts_left - 1); });
  };
  signals.async_wait([&](const asio::error_code& error, int signal_number) {
    if (error) return;
    spdlog::info("signal {} received: finishing {} request(s) in flight, then stopping", signal_number, in_flight.load());
    draining = true;
    wait_for_drain(600);  // at most 30 s
  });
  server.open_async([&] { spdlog::info("haiquan listening on http://{}:{}/", options.address, options.port); },
                    [&](std::exception_ptr error) {
                      try {
                        std::rethrow_exception(error);
                      } catch (const std::exception& e) {
                        spdlog::critical("cannot listen on {}:{}: {}", options.address, options.port, e.what());
                      }
                      io_context.stop();
                    });
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < options.threads; ++i) workers.emplace_back([&] { io_context.run(); });
  io_context.run();
  for (auto& worker : workers) worker.join();
  handlers.join();
  spdlog::info("haiquan stopped");
}

}  // namespace hq::http
