// The audit log: who did what to which records, append-only (the database
// refuses UPDATE and DELETE on audit_log on both backends).
//
// Entries name actions and keys, never personal data: a target may be a key
// the user asked for (a student key, an organization id, an e-mail of an
// account an administrator changed), but details never carry names, birth
// dates, passwords or tokens.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::accounts {

struct AuditEntry {
  std::optional<long long> actor_user_id;  // empty for the command line or the system
  std::string actor_label;                 // the actor's e-mail, "cli" or "system"
  std::string action;                      // what was done, e.g. "students.list", "users.add"
  std::string target;                      // what it was done to, e.g. an org id; may be ""
  nlohmann::json detail;                   // parameters as a JSON object, or null
  std::optional<long long> row_count;      // rows returned or changed, when counted
  std::string remote_address;              // "" for the command line
};

// Appends one entry, timed now. InvalidArgument when action or actor_label is
// empty or malformed, detail is neither null nor an object, or detail has a
// key that is personal data or a secret (name, first_name, last_name,
// birth_date, password, token, secret, ...).
Status Record(store::Database& db, const AuditEntry& entry);

struct AuditFilter {
  std::optional<long long> actor_user_id;
  std::string actor;   // actor_label, exactly ("" for any)
  std::string action;  // exactly ("" for any)
  std::string since;   // ISO 8601 date or time, inclusive ("" for no bound)
  std::string until;   // ISO 8601 date or time, exclusive ("" for no bound)
};

// Entries newest first as store::Paged({items, total, page, per_page});
// each item: audit_id, at, actor_user_id, actor_label, action, target,
// detail (JSON), row_count, remote_address. InvalidArgument names a bad
// since or until.
Result<nlohmann::json> ListAudit(store::Database& db, const AuditFilter& filter, const store::Page& page);

}  // namespace pl::accounts
