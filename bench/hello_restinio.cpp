// The bare framework baseline for `make bench`: RESTinio answering a fixed JSON body, with the same
// traits, thread count and build options as haiquan's server.
#include <restinio/all.hpp>

int main(int argc, char** argv) {
  const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 18181;
  const std::size_t threads = argc > 2 ? static_cast<std::size_t>(std::atoi(argv[2])) : 4;
  restinio::run(restinio::on_thread_pool<restinio::default_traits_t>(threads)
                    .port(port)
                    .address("127.0.0.1")
                    .request_handler([](auto request) {
                      return request->create_response()
                          .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
                          .set_body(R"({"username":"admin","unit_code":"00","roles":["platform.admin"]})")
                          .done();
                    }));
}
