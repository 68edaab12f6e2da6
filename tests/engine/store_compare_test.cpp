// The engine's answers equal the same aggregates computed by SQL on the
// store, on SQLite and on a real PostgreSQL server, over a synthetic data
// set loaded by the importer; and the holder follows imports.
#include <cmath>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/progress.hpp"
#include "engine/engine.hpp"
#include "ingest/importer.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"
#include "synthetic/reference_input.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::testing {
namespace {

using engine::Snapshot;
using nlohmann::json;

// The synthetic files, generated once per test binary.
const std::filesystem::path& SyntheticFiles() {
  static const std::filesystem::path dir = [] {
    auto out = ScratchDir("synthetic");
    NullProgress progress;
    auto summary = synthetic::Generate(
        synthetic::testing::LoadReferenceInput(),
        {.scale = synthetic::Scale::kSmall, .seed = 11, .out_dir = out.string(), .first_year = 2020, .years = 5},
        progress);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return out;
  }();
  return dir;
}

Status ImportFile(store::Database& db, const std::string& kind, const std::string& path,
                  const std::filesystem::path& rejects) {
  ingest::Importer importer(db);
  PL_ASSIGN_OR_RETURN(const ingest::KindSpec* spec, ingest::FindKind(kind));
  PL_ASSIGN_OR_RETURN(auto report, importer.ImportFile(*spec, path, {.rejects_dir = rejects.string()}));
  if (report.rows_rejected != 0) return Internal(fmt::format("{} rows of {} rejected", report.rows_rejected, kind));
  return Status();
}

Status ImportSynthetic(TestDatabase& t) {
  for (const char* kind : {"organizations", "students", "student_years"}) {
    PL_RETURN_IF_ERROR(
        ImportFile(*t.db, kind, (SyntheticFiles() / (std::string(kind) + ".csv")).string(), t.dir / "rejects"));
  }
  return Status();
}

// One loaded database and its snapshot per backend, shared by the tests.
struct Loaded {
  std::unique_ptr<TestDatabase> t;
  std::shared_ptr<const Snapshot> snapshot;
};
Loaded& LoadedFor(Backend backend) {
  static std::map<Backend, Loaded> loaded;
  auto& l = loaded[backend];
  if (!l.t) {
    l.t = MakeTestDatabase(backend);
    if (!l.t) throw std::runtime_error("no test database");
    Status imported = ImportSynthetic(*l.t);
    if (!imported.ok()) throw std::runtime_error(imported.ToString());
    NullProgress progress;
    auto built = Snapshot::Build(*l.t->db, {}, progress);
    if (!built.ok()) throw std::runtime_error(built.status().ToString());
    l.snapshot = *built;
  }
  return l;
}

// The joined rows with the contract's derived columns, in portable SQL.
constexpr const char* kFactsSql =
    "SELECT sy.school_year AS school_year, o.county_fips AS county, ra.region_code AS region,"
    " sy.org_id AS organization, sy.grade_level AS grade_level, sy.sector_code AS sector,"
    " sy.pathway_code AS pathway, sy.cte_status AS cte_status, sy.wbl_type AS wbl_type,"
    " s.race_ethnicity AS race_ethnicity, s.gender AS gender,"
    " CAST(s.socioeconomically_disadvantaged AS TEXT) AS socioeconomically_disadvantaged,"
    " CAST(s.disability AS TEXT) AS disability, CAST(s.english_learner AS TEXT) AS english_learner,"
    " CAST(s.foster_youth AS TEXT) AS foster_youth, CAST(s.homeless AS TEXT) AS homeless,"
    " CAST(s.migrant AS TEXT) AS migrant, CAST(s.first_generation AS TEXT) AS first_generation,"
    " sy.student_key AS student_key,"
    " CASE WHEN sy.cte_status IN ('concentrator', 'completer') THEN 1 ELSE 0 END AS concentrator,"
    " CASE WHEN sy.cte_status = 'completer' THEN 1 ELSE 0 END AS completer,"
    " CASE WHEN sy.de_units_attempted > 0 THEN 1 ELSE 0 END AS dual_enrollment,"
    " CASE WHEN sy.wbl_type IS NOT NULL OR sy.wbl_hours > 0 THEN 1 ELSE 0 END AS wbl,"
    " sy.industry_credential AS credential, sy.hs_graduate AS graduate,"
    " sy.postsecondary_enrolled AS postsecondary, sy.employed AS employed,"
    " sy.de_units_earned AS de_units, sy.wbl_hours AS wbl_hours, sy.quarterly_wage AS wage"
    " FROM student_year sy JOIN student s ON s.student_key = sy.student_key"
    " JOIN organization o ON o.org_id = sy.org_id"
    " LEFT JOIN region_assignment ra ON ra.county_fips = o.county_fips AND ra.scheme_code = 'ccc'";

std::string Normal(const json& v) {
  if (v.is_null()) return "<null>";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_float()) return std::to_string(std::llround(v.get<double>()));
  return v.dump();
}

double Number(const json& v) {
  if (v.is_null()) return std::nan("");
  return v.get<double>();
}

struct Case {
  std::string name;
  json spec;
  std::string where;  // the same filters in SQL over kFactsSql's columns
};

class StoreCompareTest : public ::testing::TestWithParam<Backend> {};

void ExpectNear(double expected, double actual, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << ": expected null, got " << actual;
    return;
  }
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::fabs(expected))) << what;
}

void CheckCase(const Case& c, Backend backend) {
  SCOPED_TRACE(c.name);
  Loaded& l = LoadedFor(backend);
  auto spec = engine::ParseQuerySpec(c.spec, *l.snapshot);
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  auto result = engine::Execute(*l.snapshot, *spec, {.threads = 2});
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  std::vector<std::string> dims;
  for (const auto& d : c.spec.value("group_by", json::array())) dims.push_back(d.get<std::string>());
  std::string select, group;
  for (const auto& d : dims) {
    select += d + ", ";
    group += (group.empty() ? "" : ", ") + d;
  }
  std::string aggregates = "count(*) AS count, count(DISTINCT student_key) AS distinct_students";
  for (auto o :
       {"concentrator", "completer", "dual_enrollment", "wbl", "credential", "graduate", "postsecondary", "employed"}) {
    aggregates += fmt::format(", sum({0}) AS {0}_sum, count({0}) AS {0}_n", o);
  }
  for (auto m : {"de_units", "wbl_hours", "wage"}) {
    aggregates += fmt::format(", sum({0}) AS {0}_sum, count({0}) AS {0}_n", m);
  }
  std::string sql = fmt::format("SELECT {}{} FROM ({}) f{}{}", select, aggregates, kFactsSql,
                                c.where.empty() ? "" : " WHERE " + c.where, group.empty() ? "" : " GROUP BY " + group);
  auto expected_rows = store::QueryJson(*l.t->db, sql);
  ASSERT_TRUE(expected_rows.ok()) << expected_rows.status().ToString();
  // Medians from the raw values, per group.
  std::map<std::string, std::map<std::string, std::vector<double>>> values;  // measure -> group -> values
  for (const auto& m : c.spec["measures"]) {
    if (m["op"] != "median") continue;
    const std::string measure = m["measure"].get<std::string>();
    auto raw =
        store::QueryJson(*l.t->db, fmt::format("SELECT {}{} AS v FROM ({}) f WHERE {} IS NOT NULL{}", select, measure,
                                               kFactsSql, measure, c.where.empty() ? "" : " AND " + c.where));
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    for (const auto& r : *raw) {
      std::string key;
      for (const auto& d : dims) key += Normal(r[d]) + "|";
      values[measure][key].push_back(r["v"].get<double>());
    }
  }

  std::map<std::string, const json*> expected;
  for (const auto& r : *expected_rows) {
    if (r["count"].get<long long>() == 0) continue;  // SQL's one row over nothing
    std::string key;
    for (const auto& d : dims) key += Normal(r[d]) + "|";
    expected[key] = &r;
  }
  ASSERT_EQ(result->rows(), expected.size());
  std::string previous;
  for (std::uint64_t row = 0; row < result->rows(); ++row) {
    std::string key;
    for (std::size_t g = 0; g < dims.size(); ++g) key += Normal(result->DimValue(row, g)) + "|";
    auto found = expected.find(key);
    ASSERT_NE(found, expected.end()) << "unexpected group " << key;
    const json& e = *found->second;
    for (std::size_t col = dims.size(); col < result->columns.size(); ++col) {
      const auto& column = result->columns[col];
      const std::string what = key + " " + column.name;
      if (column.integer) {
        // SQL's sum over only NULLs is NULL; the engine counts 0.
        EXPECT_EQ(column.ints[row], e[column.name].is_null() ? 0 : std::llround(Number(e[column.name]))) << what;
      } else if (column.kind == engine::ColumnKind::kSum) {
        ExpectNear(e[column.name].is_null() ? 0.0 : Number(e[column.name]), column.doubles[row], what);
      } else if (column.kind == engine::ColumnKind::kRate || column.kind == engine::ColumnKind::kMean) {
        const std::string base = column.name.substr(0, column.name.rfind('_'));
        const double n = Number(e[base + "_n"]);
        ExpectNear(n == 0 ? std::nan("") : Number(e[base + "_sum"]) / n, column.doubles[row], what);
      } else if (column.kind == engine::ColumnKind::kMedian) {
        const std::string measure = column.name.substr(0, column.name.rfind('_'));
        auto v = values[measure][key];
        double median = std::nan("");
        if (!v.empty()) {
          std::sort(v.begin(), v.end());
          median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
        }
        ExpectNear(median, column.doubles[row], what);
      }
    }
  }
}

std::vector<Case> Cases() {
  const json all_measures = json::parse(R"([
    {"op": "count"}, {"op": "distinct_students"},
    {"op": "rate", "outcome": "concentrator"}, {"op": "rate", "outcome": "completer"},
    {"op": "sum", "outcome": "dual_enrollment"}, {"op": "rate", "outcome": "wbl"},
    {"op": "rate", "outcome": "credential"}, {"op": "rate", "outcome": "graduate"},
    {"op": "rate", "outcome": "postsecondary"}, {"op": "rate", "outcome": "employed"},
    {"op": "mean", "measure": "de_units"}, {"op": "median", "measure": "de_units"},
    {"op": "sum", "measure": "wbl_hours"}, {"op": "median", "measure": "wage"}, {"op": "mean", "measure": "wage"}])");
  auto spec = [&](json filters, json group_by) {
    return json{{"filters", std::move(filters)}, {"group_by", std::move(group_by)}, {"measures", all_measures}};
  };
  return {
      {"no filter, no group", spec(json::array(), json::array()), ""},
      {"by year", spec(json::array(), {"school_year"}), ""},
      {"one year by region x race",
       spec(json::parse(R"([{"dim":"school_year","in":[2023]}])"), {"region", "race_ethnicity"}), "school_year = 2023"},
      {"year range, sector set, by pathway x SED",
       spec(json::parse(R"([{"dim":"school_year","min":2022,"max":2024},{"dim":"sector","in":["HSM","ICT"]}])"),
            {"pathway", "socioeconomically_disadvantaged"}),
       "school_year >= 2022 AND school_year <= 2024 AND sector IN ('HSM', 'ICT')"},
      {"null in a value set",
       spec(json::parse(R"([{"dim":"cte_status","in":[null,"completer"]}])"), {"cte_status", "gender"}),
       "(cte_status IS NULL OR cte_status = 'completer')"},
      {"six-way cube",
       spec(json::array(),
            {"school_year", "region", "sector", "race_ethnicity", "gender", "socioeconomically_disadvantaged"}),
       ""},
      {"county and organization, string range",
       spec(json::parse(R"([{"dim":"county","min":"06001","max":"06037"},{"dim":"first_generation","in":["1",null]}])"),
            {"county", "organization", "first_generation"}),
       "county >= '06001' AND county <= '06037' AND (first_generation = '1' OR first_generation IS NULL)"},
      {"eight dims",
       spec(json::array(), {"grade_level", "cte_status", "wbl_type", "disability", "english_learner", "foster_youth",
                            "homeless", "migrant"}),
       ""},
  };
}

TEST_P(StoreCompareTest, EngineEqualsSql) {
  for (const auto& c : Cases()) CheckCase(c, GetParam());
}

TEST_P(StoreCompareTest, SnapshotDescribesTheStore) {
  Loaded& l = LoadedFor(GetParam());
  auto rows = store::QueryInteger(*l.t->db, "SELECT count(*) FROM student_year");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(l.snapshot->rows(), static_cast<std::uint64_t>(*rows));
  auto students = store::QueryInteger(*l.t->db, "SELECT count(DISTINCT student_key) FROM student_year");
  ASSERT_TRUE(students.ok());
  EXPECT_EQ(l.snapshot->students(), static_cast<std::uint32_t>(*students));
  auto version = engine::StoreDataVersion(*l.t->db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(l.snapshot->data_version(), *version);
  EXPECT_NE(*version, "empty");
  EXPECT_EQ(l.snapshot->dictionary(engine::Dim::kSchoolYear).values,
            (std::vector<std::string>{"2021", "2022", "2023", "2024", "2025"}));
}

TEST_P(StoreCompareTest, HolderFollowsImports) {
  auto t = MakeTestDatabase(GetParam());
  ASSERT_TRUE(t);
  const auto dir = (t->dir / "snapshots").string();
  NullProgress progress;
  engine::SnapshotHolder holder;
  EXPECT_EQ(holder.current(), nullptr);

  auto empty = holder.Refresh(*t->db, dir, progress);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->changed);
  EXPECT_EQ(empty->data_version, *engine::StoreDataVersion(*t->db));  // the reference data's batches
  ASSERT_NE(holder.current(), nullptr);
  EXPECT_EQ(holder.current()->rows(), 0u);

  ASSERT_TRUE(ImportSynthetic(*t).ok());
  auto first = holder.Refresh(*t->db, dir, progress);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->changed);
  EXPECT_TRUE(first->built);
  auto held = holder.current();
  EXPECT_GT(held->rows(), 0u);
  EXPECT_EQ(held->source(), first->path);
  EXPECT_FALSE(std::filesystem::exists(empty->path));
  EXPECT_NE(first->data_version, empty->data_version);

  auto again = holder.Refresh(*t->db, dir, progress);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(holder.current(), held);

  // A restarted server finds the saved file instead of building.
  engine::SnapshotHolder restarted;
  auto reloaded = restarted.Refresh(*t->db, dir, progress);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_TRUE(reloaded->changed);
  EXPECT_FALSE(reloaded->built);
  EXPECT_EQ(restarted.current()->rows(), held->rows());

  // One more student-year row: a new version, a new snapshot, the old file gone.
  auto one = store::QueryJson(*t->db, "SELECT student_key, org_id FROM student_year ORDER BY student_key LIMIT 1");
  ASSERT_TRUE(one.ok() && !one->empty());
  const std::string csv = fmt::format(
      "student_key,school_year,org_id,grade_level,sector_code,pathway_code,cte_status,de_units_attempted,"
      "de_units_earned,wbl_type,wbl_hours,industry_credential,hs_graduate,postsecondary_enrolled,employed,"
      "quarterly_wage\n{},2030,{},12,,,completer,,,,,,,,,\n",
      (*one)[0]["student_key"].get<std::string>(), (*one)[0]["org_id"].get<std::string>());
  ASSERT_TRUE(ImportFile(*t->db, "student_years", WriteFile(t->dir / "extra.csv", csv), t->dir / "rejects").ok());
  auto second = holder.Refresh(*t->db, dir, progress);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->changed);
  EXPECT_NE(second->data_version, first->data_version);
  EXPECT_EQ(holder.current()->rows(), held->rows() + 1);
  EXPECT_EQ(holder.current()->data_version(), second->data_version);
  EXPECT_FALSE(std::filesystem::exists(first->path));
  EXPECT_TRUE(std::filesystem::exists(second->path));
  // The old snapshot stays usable by whoever still holds it.
  EXPECT_GT(held->rows(), 0u);
  EXPECT_EQ(held->code(engine::Dim::kSchoolYear, 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCompareTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace pl::testing
