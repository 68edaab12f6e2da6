#include "labor/row_reader.hpp"

#include <soci/soci.h>

namespace pl::labor::internal {

Status ForEachRow(store::Database& db, const std::string& sql, const std::vector<store::Param>& params,
                  const std::function<Status(const Row&)>& on_row) {
  if (db.backend() == store::Backend::kSqlite) return SqliteForEachRow(db.sqlite_handle(), sql, params, on_row);
  try {
    soci::row result;
    soci::statement st(db.session());
    std::vector<soci::indicator> indicators(params.size(), soci::i_ok);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const store::Param& p = params[i];
      const std::string name = "p" + std::to_string(i);
      if (p.type == store::Param::Type::kText) {
        st.exchange(soci::use(p.text, name));
      } else if (p.type == store::Param::Type::kInteger) {
        st.exchange(soci::use(p.integer, name));
      } else {
        indicators[i] = soci::i_null;
        st.exchange(soci::use(p.text, indicators[i], name));
      }
    }
    st.exchange(soci::into(result));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    Row row;
    while (st.fetch()) {
      row.resize(result.size());
      for (std::size_t c = 0; c < result.size(); ++c) {
        Cell& cell = row[c];
        cell.null = result.get_indicator(c) == soci::i_null;
        cell.text.clear();
        cell.number = 0;
        if (cell.null) continue;
        switch (result.get_properties(c).get_data_type()) {
          case soci::dt_string: cell.text = result.get<std::string>(c); break;
          case soci::dt_double: cell.number = result.get<double>(c); break;
          case soci::dt_integer: cell.number = result.get<int>(c); break;
          case soci::dt_long_long: cell.number = static_cast<double>(result.get<long long>(c)); break;
          case soci::dt_unsigned_long_long:
            cell.number = static_cast<double>(result.get<unsigned long long>(c));
            break;
          default: cell.null = true;
        }
      }
      PL_RETURN_IF_ERROR(on_row(row));
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return Internal("query failed: " + store::DriverMessage(e));
  }
}

}  // namespace pl::labor::internal
