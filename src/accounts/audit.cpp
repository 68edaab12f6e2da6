#include "accounts/audit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include "accounts/internal.hpp"

namespace pl::accounts {
namespace {

using store::Param;

// Keys that would put personal data or secrets into the log.
constexpr std::array<std::string_view, 12> kRefusedDetailKeys{
    "name",       "first_name", "last_name", "student_name", "full_name", "birth_date",
    "date_of_birth", "password", "token",   "secret",       "csrf_token", "address"};

bool IsActionName(const std::string& action) {
  return !action.empty() && action.size() <= 64 && std::all_of(action.begin(), action.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
  });
}

Status CheckDetail(const nlohmann::json& detail) {
  if (detail.is_null()) return Status();
  if (!detail.is_object()) return InvalidArgument("audit detail must be a JSON object or null");
  for (const auto& [key, value] : detail.items()) {
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(kRefusedDetailKeys.begin(), kRefusedDetailKeys.end(), lower) != kRefusedDetailKeys.end()) {
      return InvalidArgument("audit detail must not carry personal data or secrets; refused key: " + key);
    }
  }
  return Status();
}

// "2026-01-31" or "2026-01-31T08:00:00Z" (seconds and zone optional).
Status CheckBound(const std::string& value, const char* name) {
  static const std::regex kIso(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?)");
  if (value.empty() || std::regex_match(value, kIso)) return Status();
  return InvalidArgument(std::string(name) + " must be an ISO 8601 date or time such as 2026-01-31 or "
                             "2026-01-31T08:00:00Z; got: " + value,
                         {{"parameter", name}, {"value", value}});
}

}  // namespace

Status Record(store::Database& db, const AuditEntry& entry) {
  if (!IsActionName(entry.action)) {
    return InvalidArgument("audit action must be 1 to 64 characters a-z, 0-9, '.' or '_'; got: " + entry.action);
  }
  if (entry.actor_label.empty()) return InvalidArgument("audit actor_label is required");
  PL_RETURN_IF_ERROR(CheckDetail(entry.detail));
  return store::Execute(db,
                        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, target, detail, row_count, "
                        "remote_address) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7)",
                        {Param::Text(internal::FormatTime(Clock::now())),
                         entry.actor_user_id ? Param::Integer(*entry.actor_user_id) : Param::Null(),
                         Param::Text(entry.actor_label), Param::Text(entry.action),
                         entry.target.empty() ? Param::Null() : Param::Text(entry.target),
                         entry.detail.is_null() ? Param::Null() : Param::Text(entry.detail.dump()),
                         entry.row_count ? Param::Integer(*entry.row_count) : Param::Null(),
                         entry.remote_address.empty() ? Param::Null() : Param::Text(entry.remote_address)})
      .status();
}

Result<nlohmann::json> ListAudit(store::Database& db, const AuditFilter& filter, const store::Page& page) {
  PL_RETURN_IF_ERROR(CheckBound(filter.since, "since"));
  PL_RETURN_IF_ERROR(CheckBound(filter.until, "until"));
  // Only the filters given become conditions, each with a bound parameter.
  std::string where = " WHERE 1 = 1";
  std::vector<Param> params;
  auto add = [&](const std::string& condition, Param value) {
    where += " AND " + condition + " :p" + std::to_string(params.size());
    params.push_back(std::move(value));
  };
  if (filter.actor_user_id) add("actor_user_id =", Param::Integer(*filter.actor_user_id));
  if (!filter.actor.empty()) add("actor_label =", Param::Text(filter.actor));
  if (!filter.action.empty()) add("action =", Param::Text(filter.action));
  if (!filter.since.empty()) add("at >=", Param::Text(filter.since));
  if (!filter.until.empty()) add("at <", Param::Text(filter.until));
  PL_ASSIGN_OR_RETURN(long long total, store::QueryInteger(db, "SELECT count(*) FROM audit_log" + where, params));
  std::vector<Param> paged = params;
  paged.push_back(Param::Integer(page.per_page));
  paged.push_back(Param::Integer(page.offset()));
  const std::string limit = " ORDER BY audit_id DESC LIMIT :p" + std::to_string(params.size()) + " OFFSET :p" +
                            std::to_string(params.size() + 1);
  PL_ASSIGN_OR_RETURN(auto items, store::QueryJson(db,
                                                   "SELECT audit_id, at, actor_user_id, actor_label, action, target, "
                                                   "detail, row_count, remote_address FROM audit_log" +
                                                       where + limit,
                                                   paged));
  for (auto& item : items) {
    const auto& detail = item["detail"];
    item["detail"] = detail.is_string() ? nlohmann::json::parse(detail.get<std::string>(), nullptr, false)
                                        : nlohmann::json();
    if (item["detail"].is_discarded()) item["detail"] = nullptr;
  }
  return store::Paged(std::move(items), total, page);
}

}  // namespace pl::accounts
