// Sign-in with throttling, sessions and their expiry.
#include <algorithm>

#include <fmt/format.h>

#include "accounts/accounts.hpp"
#include "accounts/internal.hpp"

namespace pl::accounts {
namespace {

using internal::FormatTime;
using internal::ParseTime;
using store::Execute;
using store::Param;

constexpr std::size_t kMaxPasswordBytes = 1024;  // as AddUser accepts

Status WrongCredentials() { return {StatusCode::kUnauthenticated, "e-mail or password is not correct"}; }

Status SessionEnded() { return {StatusCode::kUnauthenticated, "the session has ended; sign in again"}; }

// A hash of a password nobody knows, verified for unknown e-mails so that
// they take as long as known ones.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    auto h = HashPassword(GeneratePassword());
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

// Seconds until `key` has fewer than `limit` failures in the window, or 0
// when it already has.
Result<long long> ThrottledFor(store::Database& db, const std::string& key, int limit,
                               const ThrottlePolicy& policy, Clock::time_point now) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT failed_at FROM sign_in_failure WHERE throttle_key = :p0 "
                                                  "AND failed_at > :p1 ORDER BY failed_at",
                                                  {Param::Text(key), Param::Text(FormatTime(now - policy.window))}));
  auto count = static_cast<long long>(rows.size());
  if (count < limit) return 0LL;
  // When the oldest failures leave the window, the count drops below the limit.
  auto freed = ParseTime(rows[static_cast<std::size_t>(count - limit)]["failed_at"].get<std::string>());
  if (!freed) return static_cast<long long>(policy.window.count());
  long long wait = std::chrono::duration_cast<std::chrono::seconds>(*freed + policy.window - now).count();
  return std::max(1LL, wait);
}

Status Throttled(long long seconds) {
  long long minutes = std::max(1LL, (seconds + 59) / 60);
  return {StatusCode::kResourceExhausted,
          fmt::format("too many failed sign-ins; try again in {} minute{}", minutes, minutes == 1 ? "" : "s"),
          {{"retry_after_seconds", seconds}}};
}

Status RecordFailure(store::Database& db, const std::string& account_key, const std::string& address_key,
                     Clock::time_point now) {
  const std::string at = FormatTime(now);
  for (const std::string* key : {&account_key, &address_key}) {
    if (key->empty()) continue;
    PL_RETURN_IF_ERROR(Execute(db, "INSERT INTO sign_in_failure (throttle_key, failed_at) VALUES (:p0, :p1)",
                               {Param::Text(*key), Param::Text(at)})
                           .status());
  }
  return Status();
}

Result<IssuedSession> StartSession(store::Database& db, const User& user, const SessionPolicy& policy,
                                   Clock::time_point now, const std::string& account_key) {
  IssuedSession session;
  session.token = internal::RandomToken();
  session.csrf_token = internal::RandomToken();
  // Whole seconds, as stored, so the caller's cookie matches the database.
  Clock::time_point start = *ParseTime(FormatTime(now));
  session.absolute_expires = start + policy.absolute;
  session.idle_expires = std::min(start + policy.idle, session.absolute_expires);
  PL_RETURN_IF_ERROR(store::InTransaction(db, [&]() -> Status {
    PL_RETURN_IF_ERROR(
        Execute(db, "DELETE FROM sign_in_failure WHERE throttle_key = :p0", {Param::Text(account_key)}).status());
    PL_RETURN_IF_ERROR(Execute(db, "UPDATE app_user SET last_sign_in = :p0 WHERE user_id = :p1",
                               {Param::Text(FormatTime(now)), Param::Integer(user.user_id)})
                           .status());
    return Execute(db,
                   "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, "
                   "idle_expires_at, absolute_expires_at, revoked) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, 0)",
                   {Param::Text(internal::Sha256Hex(session.token)), Param::Integer(user.user_id),
                    Param::Text(session.csrf_token), Param::Text(FormatTime(now)), Param::Text(FormatTime(now)),
                    Param::Text(FormatTime(session.idle_expires)), Param::Text(FormatTime(session.absolute_expires))})
        .status();
  }));
  session.user = user;
  session.user.last_sign_in = FormatTime(now);
  return session;
}

}  // namespace

Result<IssuedSession> SignIn(store::Database& db, const std::string& email, const std::string& password,
                             const std::string& remote_address, const SessionPolicy& session_policy,
                             const ThrottlePolicy& throttle_policy, Clock::time_point now) {
  (void)DecoyHash();  // made before the first unknown e-mail, so that one is not slower
  const std::string normalized = internal::NormalizeEmailLoosely(email);
  const std::string account_key = "account:" + normalized;
  const std::string address_key = remote_address.empty() ? "" : "address:" + remote_address;
  PL_ASSIGN_OR_RETURN(long long account_wait, ThrottledFor(db, account_key, throttle_policy.max_failures_per_account,
                                                           throttle_policy, now));
  long long address_wait = 0;
  if (!address_key.empty()) {
    PL_ASSIGN_OR_RETURN(address_wait, ThrottledFor(db, address_key, throttle_policy.max_failures_per_address,
                                                   throttle_policy, now));
  }
  if (account_wait > 0 || address_wait > 0) return Throttled(std::max(account_wait, address_wait));

  // No Argon2id over megabytes of input: such a password cannot be right.
  if (password.size() > kMaxPasswordBytes) {
    PL_RETURN_IF_ERROR(RecordFailure(db, account_key, address_key, now));
    return WrongCredentials();
  }
  std::optional<User> user;
  std::string hash;
  if (!normalized.empty()) {
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT user_id, password_hash FROM app_user WHERE email = :p0",
                                                    {Param::Text(normalized)}));
    if (!rows.empty()) {
      hash = rows[0]["password_hash"];
      PL_ASSIGN_OR_RETURN(User found, GetUser(db, rows[0]["user_id"].get<long long>()));
      user = std::move(found);
    }
  }
  // Verified whatever the account's state, so that timing tells nothing.
  bool password_ok = VerifyPassword(user ? hash : DecoyHash(), password) && user.has_value();
  if (!password_ok || !user->active) {
    PL_RETURN_IF_ERROR(RecordFailure(db, account_key, address_key, now));
    return WrongCredentials();
  }
  return StartSession(db, *user, session_policy, now, account_key);
}

Result<SessionInfo> TouchSession(store::Database& db, const std::string& token, const SessionPolicy& policy,
                                 Clock::time_point now) {
  const std::string token_hash = internal::Sha256Hex(token);
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT user_id, csrf_token, idle_expires_at, absolute_expires_at, "
                                                  "revoked FROM user_session WHERE token_hash = :p0",
                                                  {Param::Text(token_hash)}));
  if (rows.empty() || rows[0]["revoked"].get<long long>() != 0) return SessionEnded();
  const auto& row = rows[0];
  auto idle = ParseTime(row["idle_expires_at"].get<std::string>());
  auto absolute = ParseTime(row["absolute_expires_at"].get<std::string>());
  if (!idle || !absolute || now >= *idle || now >= *absolute) {
    PL_RETURN_IF_ERROR(
        Execute(db, "DELETE FROM user_session WHERE token_hash = :p0", {Param::Text(token_hash)}).status());
    return SessionEnded();
  }
  PL_ASSIGN_OR_RETURN(auto user, internal::LoadUserById(db, row["user_id"].get<long long>()));
  if (!user || !user->active) return SessionEnded();
  SessionInfo info;
  info.user = *std::move(user);
  info.csrf_token = row["csrf_token"];
  info.absolute_expires = *absolute;
  info.idle_expires = std::min(*ParseTime(FormatTime(now)) + policy.idle, *absolute);
  PL_RETURN_IF_ERROR(
      Execute(db, "UPDATE user_session SET last_seen_at = :p0, idle_expires_at = :p1 WHERE token_hash = :p2",
              {Param::Text(FormatTime(now)), Param::Text(FormatTime(info.idle_expires)), Param::Text(token_hash)})
          .status());
  return info;
}

Status SignOut(store::Database& db, const std::string& token) {
  return Execute(db, "UPDATE user_session SET revoked = 1 WHERE token_hash = :p0",
                 {Param::Text(internal::Sha256Hex(token))})
      .status();
}

Result<long long> PurgeExpired(store::Database& db, const SessionPolicy& policy, const ThrottlePolicy& throttle,
                               Clock::time_point now) {
  const std::string at = FormatTime(now);
  long long removed = 0;
  PL_RETURN_IF_ERROR(store::InTransaction(db, [&]() -> Status {
    // last_seen_at also ends sessions left idle longer than the current
    // policy allows, should the policy have been shortened since sign-in.
    PL_ASSIGN_OR_RETURN(long long sessions,
                        Execute(db,
                                "DELETE FROM user_session WHERE revoked = 1 OR idle_expires_at <= :p0 "
                                "OR absolute_expires_at <= :p1 OR last_seen_at <= :p2",
                                {Param::Text(at), Param::Text(at), Param::Text(FormatTime(now - policy.idle))}));
    PL_ASSIGN_OR_RETURN(long long failures, Execute(db, "DELETE FROM sign_in_failure WHERE failed_at <= :p0",
                                                    {Param::Text(FormatTime(now - throttle.window))}));
    removed = sessions + failures;
    return Status();
  }));
  return removed;
}

}  // namespace pl::accounts
