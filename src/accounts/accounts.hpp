// Accounts: users, passwords, sessions, API tokens and sign-in throttling.
//
// Secrets are stored only as hashes: passwords with Argon2id (libsodium
// crypto_pwhash_str, interactive limits or stronger), session and API tokens
// (256 random bits, shown to the client once) with SHA-256 (libsodium
// crypto_hash_sha256), which is enough for high-entropy tokens and lets a
// lookup be one indexed equality.
//
// Every function takes the Database to use; none keeps state between calls,
// so each server thread calls them with its own connection. `now` is
// injected so expiry and throttling are testable without sleeping.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "privacy/access.hpp"
#include "store/store.hpp"

namespace pl::accounts {

using Clock = std::chrono::system_clock;

struct User {
  long long user_id = 0;
  std::string email;         // stored lower-cased and trimmed; unique
  std::string display_name;
  privacy::Role role = privacy::Role::kMember;
  std::vector<std::string> scopes;  // sorted
  bool active = true;
  std::string created_at;    // ISO 8601 UTC
  std::string last_sign_in;  // ISO 8601 UTC, "" when never
};

struct NewUser {
  std::string email;
  std::string display_name;  // empty: the part of the e-mail before '@'
  privacy::Role role = privacy::Role::kMember;
  std::vector<std::string> scopes;
  std::string password;      // empty: generate one (returned by AddUser)
};

// Creates a user. InvalidArgument for a malformed e-mail (names the field),
// a password under 12 characters or over 1,024 bytes, or scopes that do not
// fit the role (privacy::ValidateScopes) or name unknown organizations or
// regions; AlreadyExists when the e-mail is taken. Refusals carry
// details {"field": "email" | "display_name" | "role" | "scope" |
// "password"} so a caller can point at its own input. Returns the user and
// the password in clear when it was generated (else "").
struct AddedUser {
  User user;
  std::string generated_password;
};
Result<AddedUser> AddUser(store::Database& db, const NewUser& user);

Result<std::vector<User>> ListUsers(store::Database& db);
Result<User> GetUser(store::Database& db, long long user_id);
// The e-mail is trimmed and lower-cased first; NotFound (details field
// "email") when no user has it.
Result<User> FindUserByEmail(store::Database& db, const std::string& email);

// Disabling also revokes every session and API token of the user.
Status DisableUser(store::Database& db, const std::string& email);
Status EnableUser(store::Database& db, const std::string& email);
// Sets a new random password (returned, shown once) and revokes the user's
// sessions.
Result<std::string> ResetPassword(store::Database& db, const std::string& email);
// Sets a chosen password (same length rules as AddUser); sessions stay.
Status SetPassword(store::Database& db, long long user_id, const std::string& password);
Status SetRole(store::Database& db, long long user_id, privacy::Role role, const std::vector<std::string>& scopes);

// A random password of 20 characters from a 56-letter alphabet without
// look-alikes (about 116 bits).
std::string GeneratePassword();

// Argon2id via crypto_pwhash_str; verification is constant-time.
Result<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

// ---- Sessions ------------------------------------------------------------

struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};       // no request for this long ends it
  std::chrono::seconds absolute{12 * 3600};  // ends this long after sign-in
};

struct ThrottlePolicy {
  int max_failures_per_account = 5;    // within `window`
  int max_failures_per_address = 20;   // within `window`
  std::chrono::seconds window{15 * 60};
};

struct IssuedSession {
  std::string token;       // 43 base64url characters; goes into the cookie; never stored
  std::string csrf_token;  // 43 base64url characters; echoed in X-CSRF-Token
  User user;
  Clock::time_point idle_expires;
  Clock::time_point absolute_expires;
};

// Checks e-mail and password. Wrong e-mail, wrong password and a disabled
// account all give the same Unauthenticated("e-mail or password is not
// correct"); a throttled account or address gives ResourceExhausted
// ("too many failed sign-ins; try again in N minutes") whether or not the
// account exists, and its details carry "retry_after_seconds". A failure is
// recorded against both the account (by the e-mail as typed, lower-cased)
// and the address (an empty remote_address is not throttled by address); a
// success clears the account's failures. Unknown e-mails still run one
// Argon2id verification so timing does not tell them apart. Times are stored
// in whole seconds, so the expiries returned are too.
Result<IssuedSession> SignIn(store::Database& db, const std::string& email, const std::string& password,
                             const std::string& remote_address, const SessionPolicy& session_policy,
                             const ThrottlePolicy& throttle_policy, Clock::time_point now);

struct SessionInfo {
  User user;
  std::string csrf_token;
  Clock::time_point idle_expires;
  Clock::time_point absolute_expires;
};

// The live session for a cookie token, sliding its idle expiry to now +
// policy.idle (never past the absolute expiry). Unauthenticated when unknown, revoked, expired (either
// limit) or the user is disabled; an expired session is deleted.
Result<SessionInfo> TouchSession(store::Database& db, const std::string& token, const SessionPolicy& policy,
                                 Clock::time_point now);
// Revokes the session (sign-out). OK when the token is unknown.
Status SignOut(store::Database& db, const std::string& token);
// Deletes expired sessions and old sign-in failures; returns how many rows.
Result<long long> PurgeExpired(store::Database& db, const SessionPolicy& policy, const ThrottlePolicy& throttle,
                               Clock::time_point now);

// ---- API tokens ----------------------------------------------------------

struct ApiToken {
  long long token_id = 0;
  long long user_id = 0;
  std::string name;
  std::vector<privacy::Permission> permissions;
  std::string prefix;      // first 8 characters of the token, to recognise it in lists
  std::string created_at;
  std::string last_used_at;  // "" when never
  bool revoked = false;
};

// Creates a token for `user_id` with `permissions` (each must be held by the
// user's role: InvalidArgument otherwise; empty: every permission the role
// holds). The token ("plt_" + 43 base64url characters) is returned once.
// InvalidArgument for an empty name or one over 100 characters;
// FailedPrecondition when the user is disabled; NotFound for no such user.
struct CreatedApiToken {
  ApiToken token;
  std::string secret;
};
Result<CreatedApiToken> CreateApiToken(store::Database& db, long long user_id, const std::string& name,
                                       const std::vector<privacy::Permission>& permissions);
Result<std::vector<ApiToken>> ListApiTokens(store::Database& db, long long user_id);
// NotFound unless the token belongs to `user_id`.
Status RevokeApiToken(store::Database& db, long long user_id, long long token_id);

// The user and permissions behind a bearer token; Unauthenticated when
// unknown, revoked or the user is disabled. Records last use.
struct TokenInfo {
  User user;
  ApiToken token;
};
Result<TokenInfo> AuthenticateApiToken(store::Database& db, const std::string& secret, Clock::time_point now);

// The principal a user acts as (role, scopes; token permissions when given).
privacy::Principal PrincipalFor(const User& user, const std::string& via,
                                const std::vector<privacy::Permission>* token_permissions = nullptr);

}  // namespace pl::accounts
