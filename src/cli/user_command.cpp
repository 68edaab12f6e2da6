// `pathlight user add|list|disable|enable|reset`: accounts from the command
// line, for the first administrator and for recovery. Passwords are printed
// once on stdout and never logged; each change is recorded in the audit log
// with the actor "cli".
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "accounts/audit.hpp"
#include "cli/commands.hpp"
#include "cli/database_setup.hpp"

namespace pl::cli {
namespace {

// The option a refusal is about, from the field the accounts module names.
std::string OptionFor(const Status& status) {
  const auto& details = status.details();
  if (!details.is_object() || !details.contains("field")) return "";
  const std::string field = details["field"].get<std::string>();
  if (field == "email") return "--email";
  if (field == "role") return "--role";
  if (field == "scope") return "--scope";
  if (field == "password") return "--password-stdin";
  if (field == "display_name") return "--name";
  return "";
}

int ReportUserError(const Status& status) {
  std::string option = OptionFor(status);
  fmt::print(stderr, "error: {}{}\n", option.empty() ? "" : option + ": ", status.message());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kPermissionDenied:
      return kExitRefused;
    default:
      return kExitError;
  }
}

// The change is done; an audit failure is reported but does not undo it.
void Audit(store::Database& db, const std::string& action, const std::string& target, nlohmann::json detail = nullptr) {
  Status s = accounts::Record(db, {.actor_label = "cli", .action = action, .target = target, .detail = detail});
  if (!s.ok()) fmt::print(stderr, "warning: the audit log did not record {}: {}\n", action, s.message());
}

std::string ResetHint(const std::string& email) {
  return fmt::format("(shown once; `pathlight user reset --email {}` makes a new one)", email);
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

Result<std::string> PasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    return InvalidArgument("password: standard input held no password line", {{"field", "password"}});
  }
  return line;
}

int Add(store::Database& db, const UserArgs& args) {
  auto role = privacy::ParseRole(args.role);
  if (!role.ok()) return ReportUserError(role.status());
  accounts::NewUser request{.email = args.email, .display_name = args.name, .role = *role, .scopes = args.scopes};
  if (args.password_stdin) {
    auto password = PasswordFromStdin();
    if (!password.ok()) return ReportUserError(password.status());
    request.password = *password;
  }
  auto added = accounts::AddUser(db, request);
  if (!added.ok()) return ReportUserError(added.status());
  const auto& user = added->user;
  Audit(db, "users.add", user.email, {{"role", args.role}, {"scopes", user.scopes}});
  fmt::print("Added user {}: {} ({}{})\n", user.user_id, user.email, privacy::RoleName(user.role),
             user.scopes.empty() ? "" : "; scopes " + Join(user.scopes, ", "));
  if (!added->generated_password.empty()) {
    fmt::print("Password: {}  {}\n", added->generated_password, ResetHint(user.email));
  }
  return kExitOk;
}

nlohmann::json UserJson(const accounts::User& u) {
  return {{"user_id", u.user_id},       {"email", u.email},   {"display_name", u.display_name},
          {"role", privacy::RoleName(u.role)}, {"scopes", u.scopes}, {"active", u.active},
          {"created_at", u.created_at}, {"last_sign_in", u.last_sign_in.empty() ? nlohmann::json() : nlohmann::json(u.last_sign_in)}};
}

void PrintTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}}  ", row[i], widths[i]);
    }
    fmt::print("{}\n", line);
  }
}

int List(store::Database& db, const UserArgs& args) {
  auto users = accounts::ListUsers(db);
  if (!users.ok()) return ReportUserError(users.status());
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& u : *users) out.push_back(UserJson(u));
    fmt::print("{}\n", out.dump());
    return kExitOk;
  }
  if (users->empty()) {
    fmt::print("No users yet: `pathlight user add --email E --role administrator` creates one.\n");
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "E-MAIL", "NAME", "ROLE", "SCOPES", "ACTIVE", "LAST SIGN-IN"}};
  for (const auto& u : *users) {
    rows.push_back({std::to_string(u.user_id), u.email, u.display_name, std::string(privacy::RoleName(u.role)),
                    u.scopes.empty() ? "-" : Join(u.scopes, ","), u.active ? "yes" : "no",
                    u.last_sign_in.empty() ? "never" : u.last_sign_in});
  }
  PrintTable(rows);
  return kExitOk;
}

int SetActive(store::Database& db, const UserArgs& args, bool active) {
  auto user = accounts::FindUserByEmail(db, args.email);
  if (!user.ok()) return ReportUserError(user.status());
  Status s = active ? accounts::EnableUser(db, user->email) : accounts::DisableUser(db, user->email);
  if (!s.ok()) return ReportUserError(s);
  Audit(db, active ? "users.enable" : "users.disable", user->email);
  if (active) {
    fmt::print("Enabled {}.\n", user->email);
  } else {
    fmt::print("Disabled {}: its sessions and API tokens are revoked.\n", user->email);
  }
  return kExitOk;
}

int Reset(store::Database& db, const UserArgs& args) {
  auto user = accounts::FindUserByEmail(db, args.email);
  if (!user.ok()) return ReportUserError(user.status());
  auto password = accounts::ResetPassword(db, user->email);
  if (!password.ok()) return ReportUserError(password.status());
  Audit(db, "users.reset_password", user->email);
  fmt::print("New password for {}: {}  {}\nIts sessions are signed out.\n", user->email, *password,
             ResetHint(user->email));
  return kExitOk;
}

}  // namespace

int RunUser(const UserArgs& args) {
  auto db = OpenPrepared(args.db);
  if (!db.ok()) return ReportError(db.status());
  if (args.action == "add") return Add(**db, args);
  if (args.action == "list") return List(**db, args);
  if (args.action == "disable") return SetActive(**db, args, false);
  if (args.action == "enable") return SetActive(**db, args, true);
  if (args.action == "reset") return Reset(**db, args);
  return ReportUserError(InvalidArgument("unknown user command: " + args.action));
}

}  // namespace pl::cli
