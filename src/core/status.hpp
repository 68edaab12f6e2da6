// Status and Result<T>: expected failures are values, not exceptions.
//
// Codes follow Abseil's canonical set. A Status carries a code, a message
// meant for a person ("static text first, values at the end") and optional
// structured details (JSON) that the HTTP layer puts into the error body.
// Both types are cheap to move and thread-compatible (no shared state).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

namespace pl {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kUnavailable,
  kDataLoss,
  kInternal,
  kCancelled,  // the work was asked to stop (shutdown) and undid itself
};

// "invalid_argument", "not_found", ...: the code as it appears in API errors.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, nlohmann::json details = nullptr)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const nlohmann::json& details() const { return details_; }

  // "not_found: unknown county FIPS: 06999"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  nlohmann::json details_;
};

inline Status InvalidArgument(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kInvalidArgument, std::move(m), std::move(d)};
}
inline Status NotFound(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kNotFound, std::move(m), std::move(d)};
}
inline Status AlreadyExists(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kAlreadyExists, std::move(m), std::move(d)};
}
inline Status FailedPrecondition(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kFailedPrecondition, std::move(m), std::move(d)};
}
inline Status PermissionDenied(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kPermissionDenied, std::move(m), std::move(d)};
}
inline Status Unauthenticated(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kUnauthenticated, std::move(m), std::move(d)};
}
inline Status ResourceExhausted(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kResourceExhausted, std::move(m), std::move(d)};
}
inline Status Unavailable(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kUnavailable, std::move(m), std::move(d)};
}
inline Status DataLoss(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kDataLoss, std::move(m), std::move(d)};
}
inline Status Internal(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kInternal, std::move(m), std::move(d)};
}
inline Status Cancelled(std::string m, nlohmann::json d = nullptr) {
  return {StatusCode::kCancelled, std::move(m), std::move(d)};
}

// Result<T> holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace pl

#define PL_STATUS_CONCAT_INNER(a, b) a##b
#define PL_STATUS_CONCAT(a, b) PL_STATUS_CONCAT_INNER(a, b)

#define PL_RETURN_IF_ERROR(expr)                      \
  do {                                                \
    ::pl::Status pl_status_ = (expr);                 \
    if (!pl_status_.ok()) return pl_status_;          \
  } while (0)

#define PL_ASSIGN_OR_RETURN(lhs, expr) \
  PL_ASSIGN_OR_RETURN_IMPL(PL_STATUS_CONCAT(pl_result_, __LINE__), lhs, expr)
#define PL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
