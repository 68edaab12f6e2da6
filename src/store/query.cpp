#include "store/query.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include <soci/soci.h>

namespace pl::store {
namespace {

nlohmann::json CellJson(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return nullptr;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_double: return row.get<double>(i);
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_unsigned_long_long: return row.get<unsigned long long>(i);
    default: return nullptr;
  }
}

void Bind(soci::statement& st, const std::vector<Param>& params, std::vector<soci::indicator>& indicators) {
  indicators.assign(params.size(), soci::i_ok);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    std::string name = "p" + std::to_string(i);
    if (p.type == Param::Type::kText) {
      st.exchange(soci::use(p.text, name));
    } else if (p.type == Param::Type::kInteger) {
      st.exchange(soci::use(p.integer, name));
    } else {
      indicators[i] = soci::i_null;
      st.exchange(soci::use(p.text, indicators[i], name));
    }
  }
}

Result<int> ParseBounded(const std::optional<std::string>& text, const char* name, int fallback, int max) {
  if (!text) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 1 || v > max) {
    return InvalidArgument(fmt::format("{} must be a whole number from 1 to {}", name, max),
                           {{"parameter", name}, {"value", *text}});
  }
  return v;
}

}  // namespace

Result<Page> ParsePage(const std::optional<std::string>& page, const std::optional<std::string>& per_page,
                       int max_per_page) {
  Page out;
  PL_ASSIGN_OR_RETURN(out.page, ParseBounded(page, "page", 1, 1000000));
  PL_ASSIGN_OR_RETURN(out.per_page, ParseBounded(per_page, "per_page", 50, max_per_page));
  return out;
}

nlohmann::json Paged(nlohmann::json items, long long total, const Page& page) {
  return {{"items", std::move(items)}, {"total", total}, {"page", page.page}, {"per_page", page.per_page}};
}

std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out + "%";
}

Result<nlohmann::json> QueryJson(Database& db, const std::string& sql, const std::vector<Param>& params) {
  // SOCI's SQLite backend types result columns by their declared type, so an
  // expression such as count(*) would come back as text: ask SQLite itself.
  if (db.backend() == Backend::kSqlite) return SqliteQueryJson(db.sqlite_handle(), sql, params);
  try {
    soci::row row;
    soci::statement st(db.session());
    std::vector<soci::indicator> indicators;
    Bind(st, params, indicators);
    st.exchange(soci::into(row));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    nlohmann::json out = nlohmann::json::array();
    while (st.fetch()) {
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t i = 0; i < row.size(); ++i) {
        std::string name = row.get_properties(i).get_name();
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        object[name] = CellJson(row, i);
      }
      out.push_back(std::move(object));
    }
    return out;
  } catch (const std::exception& e) {
    return Internal(std::string("query failed: ") + DriverMessage(e));
  }
}

Result<long long> Execute(Database& db, const std::string& sql, const std::vector<Param>& params) {
  try {
    soci::statement st(db.session());
    // soci::use binds by reference: the indicators must outlive execute().
    std::vector<soci::indicator> indicators;
    Bind(st, params, indicators);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
    return st.get_affected_rows();
  } catch (const std::exception& e) {
    // The driver's text may quote the statement but never bound values.
    return Internal(std::string("statement failed: ") + DriverMessage(e));
  }
}

Result<long long> QueryInteger(Database& db, const std::string& sql, const std::vector<Param>& params) {
  PL_ASSIGN_OR_RETURN(nlohmann::json rows, QueryJson(db, sql, params));
  if (rows.empty() || rows[0].empty()) return 0LL;
  const auto& first = rows[0].begin().value();
  if (first.is_number_integer()) return first.get<long long>();
  if (first.is_number()) return static_cast<long long>(first.get<double>());
  if (first.is_string()) return std::stoll(first.get<std::string>());
  return 0LL;
}

}  // namespace pl::store
