// Snapshot::Build: streams the joined student-year rows from the store into
// a SnapshotBuilder, deriving the outcome flags as the query contract
// defines them. Organizations (a few thousand) are read first, with their
// county's region, so the big query needs no join beyond student.
#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/internal.hpp"
#include "engine/store_source.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::engine {
namespace internal {

Status ReadPostgresRows(::pg_conn* conn, const SourceRowFn& fn) {
  // Single-row mode streams the result instead of holding it all in memory.
  if (PQsendQuery(conn, kSourceSql) == 0 || PQsetSingleRowMode(conn) == 0) {
    return Internal(std::string("reading student-years failed: ") + PQerrorMessage(conn));
  }
  SourceCell cells[kSourceColumns];
  Status status;
  while (PGresult* result = PQgetResult(conn)) {
    ExecStatusType st = PQresultStatus(result);
    if (st == PGRES_SINGLE_TUPLE && status.ok()) {
      for (int c = 0; c < kSourceColumns; ++c) {
        SourceCell& cell = cells[c];
        cell.null = PQgetisnull(result, 0, c) != 0;
        if (cell.null) continue;
        const char* text = PQgetvalue(result, 0, c);
        std::size_t size = static_cast<std::size_t>(PQgetlength(result, 0, c));
        if (IsTextColumn(c)) {
          cell.text = std::string_view(text, size);
        } else {
          auto [end, ec] = std::from_chars(text, text + size, cell.number);
          if (ec != std::errc()) status = DataLoss(fmt::format("student_year column {} is not a number", c));
        }
      }
      if (status.ok()) status = fn(cells);
    } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && status.ok()) {
      std::string message = PQresultErrorMessage(result);
      if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
      status = Internal("reading student-years failed: " + message);
    }
    // Keep draining after an error: the connection must end the query.
    PQclear(result);
  }
  return status;
}

}  // namespace internal

namespace {

using internal::SourceCell;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct OrgPlace {
  std::optional<std::string> county;
  std::optional<std::string> region;
};

Result<std::unordered_map<std::string, OrgPlace, StringHash, std::equal_to<>>> ReadOrganizations(
    store::Database& db, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT o.org_id, o.county_fips, ra.region_code FROM organization o"
                                                  " LEFT JOIN region_assignment ra ON ra.county_fips = o.county_fips"
                                                  " AND ra.scheme_code = :p0",
                                                  {store::Param::Text(scheme)}));
  std::unordered_map<std::string, OrgPlace, StringHash, std::equal_to<>> out;
  for (const auto& r : rows) {
    OrgPlace p;
    if (!r["county_fips"].is_null()) p.county = r["county_fips"].get<std::string>();
    if (!r["region_code"].is_null()) p.region = r["region_code"].get<std::string>();
    out.emplace(r["org_id"].get<std::string>(), std::move(p));
  }
  return out;
}

// Text of an integer-valued cell ("0", "1", "2024"), in `buffer`.
std::optional<std::string_view> IntegerText(const SourceCell& cell, char (&buffer)[24]) {
  if (cell.null) return std::nullopt;
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(std::llround(cell.number)));
  (void)ec;
  return std::string_view(buffer, static_cast<std::size_t>(end - buffer));
}

std::optional<std::string_view> Text(const SourceCell& cell) {
  if (cell.null) return std::nullopt;
  return cell.text;
}

std::optional<bool> Flag(const SourceCell& cell) {
  if (cell.null) return std::nullopt;
  return cell.number != 0;
}

std::optional<double> Number(const SourceCell& cell) {
  if (cell.null) return std::nullopt;
  return cell.number;
}

}  // namespace

Result<std::string> StoreDataVersion(store::Database& db) {
  PL_ASSIGN_OR_RETURN(auto rows,
                      store::QueryJson(db, "SELECT batch_id FROM import_batch ORDER BY batch_id DESC LIMIT 1"));
  if (rows.empty()) return std::string("empty");
  return rows[0]["batch_id"].get<std::string>();
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Build(store::Database& db, const BuildOptions& options,
                                                        Progress& progress) {
  using namespace internal;
  // One read transaction: the rows and the data version agree even while an
  // import commits meanwhile.
  const bool postgres = db.backend() == store::Backend::kPostgres;
  PL_RETURN_IF_ERROR(postgres ? db.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") : db.Begin());
  struct Rollback {
    store::Database& db;
    ~Rollback() { (void)db.Rollback(); }
  } rollback{db};

  PL_ASSIGN_OR_RETURN(std::string version, StoreDataVersion(db));
  progress.Begin("counting student-years", 0, "rows");
  PL_ASSIGN_OR_RETURN(long long total, store::QueryInteger(db, "SELECT count(*) FROM student_year"));
  progress.End();
  PL_ASSIGN_OR_RETURN(auto organizations, ReadOrganizations(db, options.region_scheme));

  progress.Begin("reading student-years", static_cast<std::uint64_t>(total), "rows");
  SnapshotBuilder builder;
  SnapshotBuilder::Row row;
  std::string previous_key;
  std::int32_t student = -1;
  std::uint64_t n = 0;
  char year_text[24];
  char flag_text[8][24];
  const OrgPlace no_place;
  const OrgPlace* place = &no_place;
  std::string last_org_storage;

  auto add = [&](const SourceCell* c) -> Status {
    std::string_view key = c[kStudentKey].text;
    if (student < 0 || key != previous_key) {
      if (student == std::numeric_limits<std::int32_t>::max()) return ResourceExhausted("too many students");
      ++student;
      previous_key.assign(key);
    }
    row.student = student;
    std::string_view org = c[kOrgId].text;
    if (org != last_org_storage) {
      auto it = organizations.find(org);
      place = it == organizations.end() ? &no_place : &it->second;
      last_org_storage.assign(org);
    }
    auto& d = row.dims;
    d[static_cast<int>(Dim::kSchoolYear)] = IntegerText(c[kSchoolYear], year_text);
    d[static_cast<int>(Dim::kCounty)] = place->county ? std::optional<std::string_view>(*place->county) : std::nullopt;
    d[static_cast<int>(Dim::kRegion)] = place->region ? std::optional<std::string_view>(*place->region) : std::nullopt;
    d[static_cast<int>(Dim::kOrganization)] = Text(c[kOrgId]);
    d[static_cast<int>(Dim::kGradeLevel)] = Text(c[kGradeLevel]);
    d[static_cast<int>(Dim::kSector)] = Text(c[kSectorCode]);
    d[static_cast<int>(Dim::kPathway)] = Text(c[kPathwayCode]);
    d[static_cast<int>(Dim::kCteStatus)] = Text(c[kCteStatus]);
    d[static_cast<int>(Dim::kWblType)] = Text(c[kWblType]);
    d[static_cast<int>(Dim::kRaceEthnicity)] = Text(c[kRaceEthnicity]);
    d[static_cast<int>(Dim::kGender)] = Text(c[kGender]);
    for (int f = 0; f < 7; ++f) {
      d[static_cast<int>(Dim::kSocioeconomicallyDisadvantaged) + f] = IntegerText(c[kSed + f], flag_text[f]);
    }
    const std::string_view status = c[kCteStatus].null ? std::string_view() : c[kCteStatus].text;
    auto& o = row.outcomes;
    o[static_cast<int>(Outcome::kConcentrator)] = status == "concentrator" || status == "completer";
    o[static_cast<int>(Outcome::kCompleter)] = status == "completer";
    o[static_cast<int>(Outcome::kDualEnrollment)] = !c[kDeUnitsAttempted].null && c[kDeUnitsAttempted].number > 0;
    o[static_cast<int>(Outcome::kWbl)] = !c[kWblType].null || (!c[kWblHours].null && c[kWblHours].number > 0);
    o[static_cast<int>(Outcome::kCredential)] = Flag(c[kIndustryCredential]);
    o[static_cast<int>(Outcome::kGraduate)] = Flag(c[kHsGraduate]);
    o[static_cast<int>(Outcome::kPostsecondary)] = Flag(c[kPostsecondaryEnrolled]);
    o[static_cast<int>(Outcome::kEmployed)] = Flag(c[kEmployed]);
    row.measures[static_cast<int>(Measure::kDeUnits)] = Number(c[kDeUnitsEarned]);
    row.measures[static_cast<int>(Measure::kWblHours)] = Number(c[kWblHours]);
    row.measures[static_cast<int>(Measure::kWage)] = Number(c[kQuarterlyWage]);
    builder.Add(row);
    if (++n % 16384 == 0) {
      progress.Update(n);
      if (progress.cancelled()) return Cancelled("snapshot build cancelled");
    }
    return Status();
  };
  PL_RETURN_IF_ERROR(postgres ? ReadPostgresRows(db.postgres_handle(), add) : ReadSqliteRows(db.sqlite_handle(), add));
  progress.Update(n);
  progress.End();
  return builder.Finish(std::move(version), progress);
}

}  // namespace pl::engine
