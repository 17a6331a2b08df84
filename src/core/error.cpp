#include "core/error.h"

namespace hq::core {

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadInput: return 400;
    case ErrorKind::Unauthenticated: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::TooLarge: return 413;
    case ErrorKind::UnsupportedMediaType: return 415;
    case ErrorKind::Unprocessable: return 422;
    case ErrorKind::Locked: return 423;
    case ErrorKind::Unavailable: return 503;
  }
  return 500;
}

void bad_input(std::string code, std::string message, nlohmann::json details) {
  throw Error(ErrorKind::BadInput, std::move(code), std::move(message), std::move(details));
}
void not_found(std::string message) { throw Error(ErrorKind::NotFound, "NOT_FOUND", std::move(message)); }
void forbidden(std::string message) { throw Error(ErrorKind::Forbidden, "FORBIDDEN", std::move(message)); }
void conflict(std::string code, std::string message, nlohmann::json details) {
  throw Error(ErrorKind::Conflict, std::move(code), std::move(message), std::move(details));
}

}  // namespace hq::core
