// Database, time, randomness and e-mail helpers for the accounts sources.
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <soci/soci.h>

#include "accounts/internal.hpp"

namespace pl::accounts::internal {

std::string FormatTime(Clock::time_point t) {
  std::time_t seconds = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<Clock::time_point> ParseTime(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return Clock::from_time_t(timegm(&tm));
}

void EnsureSodium() {
  // A function-local static is initialised once even with many threads.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // only fails when the system has no entropy source
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(raw.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(std::strlen(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string Sha256Hex(const std::string& text) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string NormalizeEmailLoosely(const std::string& email) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto begin = std::find_if_not(email.begin(), email.end(), is_space);
  auto end = std::find_if_not(email.rbegin(), email.rend(), is_space).base();
  std::string out = begin < end ? std::string(begin, end) : std::string();
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Result<std::string> NormalizeEmail(const std::string& email) {
  std::string out = NormalizeEmailLoosely(email);
  auto refuse = [&](const std::string& why) -> Status {
    return InvalidArgument("email " + why + "; got: " + email, {{"field", "email"}});
  };
  if (out.empty()) return refuse("is required");
  if (out.size() > 254) return refuse("must be at most 254 characters");
  for (char c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return refuse("must not contain spaces or control characters");
  }
  auto at = out.find('@');
  if (at == std::string::npos || out.find('@', at + 1) != std::string::npos) {
    return refuse("must contain exactly one @, like name@example.org");
  }
  std::string domain = out.substr(at + 1);
  if (at == 0) return refuse("needs a name before the @, like name@example.org");
  auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos) {
    return refuse("needs a domain with a dot after the @, like name@example.org");
  }
  return out;
}

namespace {

Result<std::optional<User>> LoadUser(store::Database& db, const std::string& where, const store::Param& key) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT user_id, email, display_name, role, active, created_at, "
                                                  "last_sign_in FROM app_user WHERE " + where,
                                                  {key}));
  if (rows.empty()) return std::optional<User>();
  const auto& row = rows[0];
  User user;
  user.user_id = row["user_id"].get<long long>();
  user.email = row["email"];
  user.display_name = row["display_name"];
  PL_ASSIGN_OR_RETURN(user.role, privacy::ParseRole(row["role"].get<std::string>()));
  user.active = row["active"].get<long long>() != 0;
  user.created_at = row["created_at"];
  user.last_sign_in = row["last_sign_in"].is_string() ? row["last_sign_in"].get<std::string>() : "";
  PL_ASSIGN_OR_RETURN(auto scopes, store::QueryJson(db, "SELECT scope FROM user_scope WHERE user_id = :p0 ORDER BY scope",
                                                    {store::Param::Integer(user.user_id)}));
  for (const auto& s : scopes) user.scopes.push_back(s["scope"]);
  return std::optional<User>(std::move(user));
}

}  // namespace

Result<std::optional<User>> LoadUserById(store::Database& db, long long user_id) {
  return LoadUser(db, "user_id = :p0", store::Param::Integer(user_id));
}

Result<std::optional<User>> LoadUserByEmail(store::Database& db, const std::string& email) {
  return LoadUser(db, "email = :p0", store::Param::Text(email));
}

Status RevokeSessions(store::Database& db, long long user_id) {
  return store::Execute(db, "UPDATE user_session SET revoked = 1 WHERE user_id = :p0 AND revoked = 0",
                        {store::Param::Integer(user_id)})
      .status();
}

Status RevokeApiTokens(store::Database& db, long long user_id) {
  return store::Execute(db, "UPDATE api_token SET revoked = 1 WHERE user_id = :p0 AND revoked = 0",
                        {store::Param::Integer(user_id)})
      .status();
}

}  // namespace pl::accounts::internal
