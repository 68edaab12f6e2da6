// Helpers shared by the accounts sources; not part of the module's API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts.hpp"
#include "store/query.hpp"

namespace pl::accounts::internal {

// Time as stored: "2026-11-23T06:24:39Z" (whole seconds, so text order is
// time order), and back.
std::string FormatTime(Clock::time_point t);
std::optional<Clock::time_point> ParseTime(const std::string& text);

// libsodium, initialised once (thread-safe).
void EnsureSodium();
// `bytes` random bytes as base64url without padding (32 bytes: 43 characters).
std::string RandomToken(std::size_t bytes = 32);
// Lower-case hex SHA-256 of `text`: how session and API tokens are stored.
std::string Sha256Hex(const std::string& text);

// Trimmed and lower-cased; "" when nothing is left.
std::string NormalizeEmailLoosely(const std::string& email);
// NormalizeEmailLoosely plus the shape checks; InvalidArgument names "email".
Result<std::string> NormalizeEmail(const std::string& email);

// The user with this id or e-mail (already normalized), with scopes.
Result<std::optional<User>> LoadUserById(store::Database& db, long long user_id);
Result<std::optional<User>> LoadUserByEmail(store::Database& db, const std::string& email);

// Revokes every session of the user (and, with tokens, every API token).
Status RevokeSessions(store::Database& db, long long user_id);
Status RevokeApiTokens(store::Database& db, long long user_id);

}  // namespace pl::accounts::internal
