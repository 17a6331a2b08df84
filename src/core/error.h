#pragma once
// The one error type that crosses layers: pure rules and stores throw it, the HTTP layer turns it into
// {"error":{"code","message","details"}} with the status of its kind. Messages are Vietnamese sentences
// a person can act on.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace hq::core {

enum class ErrorKind {
  BadInput,        // 400
  Unauthenticated, // 401
  Forbidden,       // 403
  NotFound,        // 404
  Conflict,        // 409
  TooLarge,        // 413
  UnsupportedMediaType,  // 415
  Unprocessable,   // 422
  Locked,          // 423
  Unavailable,     // 503
};

int http_status(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, std::string message, nlohmann::json details = nlohmann::json::object())
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), details_(std::move(details)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const nlohmann::json& details() const { return details_; }

 private:
  ErrorKind kind_;
  std::string code_;
  nlohmann::json details_;
};

// Shorthands for the common kinds.
[[noreturn]] void bad_input(std::string code, std::string message, nlohmann::json details = nlohmann::json::object());
[[noreturn]] void not_found(std::string message);
[[noreturn]] void forbidden(std::string message = "Bạn không có quyền thực hiện thao tác này.");
[[noreturn]] void conflict(std::string code, std::string message, nlohmann::json details = nlohmann::json::object());

}  // namespace hq::core
