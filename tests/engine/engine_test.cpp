// Spec parsing (every error names its JSON path), the snapshot's encoding,
// the file format (round trip, truncation, corruption) and result output.
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "engine_fixture.hpp"
#include "integration/test_database.hpp"

namespace pl::engine::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

PlainRow Row(int student, const char* year, const char* region, const char* race, std::optional<bool> completer,
             std::optional<double> wage) {
  PlainRow r;
  r.student = student;
  r.dims[static_cast<int>(Dim::kSchoolYear)] = year;
  if (region) r.dims[static_cast<int>(Dim::kRegion)] = region;
  if (race) r.dims[static_cast<int>(Dim::kRaceEthnicity)] = race;
  r.dims[static_cast<int>(Dim::kSector)] = "HSM";
  r.dims[static_cast<int>(Dim::kGender)] = student % 2 ? "F" : "M";
  r.outcomes[static_cast<int>(Outcome::kCompleter)] = completer;
  r.outcomes[static_cast<int>(Outcome::kConcentrator)] = true;
  r.measures[static_cast<int>(Measure::kWage)] = wage;
  return r;
}

std::shared_ptr<const Snapshot> Small() {
  return BuildSnapshot({Row(0, "2024", "BA", "asian", true, 100.0), Row(0, "2025", "BA", "asian", false, 300.0),
                        Row(1, "2024", "LA", "white", std::nullopt, std::nullopt),
                        Row(2, "2024", nullptr, nullptr, true, 200.0), Row(3, "9", "BA", "white", false, 50.0),
                        Row(4, "2024", "BA", "asian", true, 150.0)});
}

Status ParseError(const std::string& text) {
  auto s = Small();
  return ParseQuerySpecText(text, *s).status();
}

TEST(SnapshotBuilder, DictionariesAreSortedWithNullLast) {
  auto s = Small();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->rows(), 6u);
  EXPECT_EQ(s->students(), 5u);
  const auto& years = s->dictionary(Dim::kSchoolYear);
  EXPECT_EQ(years.values, (std::vector<std::string>{"9", "2024", "2025"}));  // numeric order
  EXPECT_FALSE(years.has_null);
  const auto& regions = s->dictionary(Dim::kRegion);
  EXPECT_EQ(regions.values, (std::vector<std::string>{"BA", "LA"}));
  EXPECT_TRUE(regions.has_null);
  EXPECT_EQ(regions.null_code(), 2u);
  EXPECT_EQ(s->code_width(Dim::kRegion), 1);
  // Rows ordered by year, then region (null last).
  std::vector<std::uint32_t> order;
  for (std::uint64_t r = 0; r < s->rows(); ++r)
    order.push_back(s->code(Dim::kSchoolYear, r) * 10 + s->code(Dim::kRegion, r));
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  EXPECT_EQ(s->zone_min(Dim::kSchoolYear, 0), 0u);
  EXPECT_EQ(s->zone_max(Dim::kSchoolYear, 0), 2u);
  EXPECT_FALSE(s->outcome_never_missing(Outcome::kCompleter));
  EXPECT_TRUE(s->outcome_never_missing(Outcome::kConcentrator));
}

TEST(SnapshotBuilder, RefusesNonNumericYears) {
  SnapshotBuilder builder;
  SnapshotBuilder::Row row;
  row.dims[static_cast<int>(Dim::kSchoolYear)] = "2023-24";
  builder.Add(row);
  NullProgress progress;
  auto built = builder.Finish("v", progress);
  ASSERT_FALSE(built.ok());
  EXPECT_THAT(built.status().message(), HasSubstr("2023-24"));
}

TEST(QuerySpec, ErrorsNameThePathAndTheChoices) {
  struct Bad {
    std::string spec;
    std::string message;
  };
  const std::vector<Bad> cases = {
      {R"({"filters":[{"dim":"school_year","in":[2024]},{"dim":"sectr","in":["X"]}]})",
       "filters[1].dim: unknown dimension \"sectr\"; expected one of school_year, county"},
      {R"({"filters":[{"dim":"region","in":["BA","XX"]}]})",
       "filters[0].in[1]: unknown value \"XX\" for region; expected one of BA, LA, null"},
      {R"({"filters":[{"dim":"region"}]})", "filters[0]: expected either \"in\" or \"min\"/\"max\""},
      {R"({"filters":[{"dim":"region","in":["BA"],"min":"A"}]})", "filters[0]: expected either"},
      {R"({"filters":[{"dim":"school_year","min":"soon"}]})", "filters[0].min: expected an integer for school_year"},
      {R"({"filters":[{"dim":"region","in":[1.5]}]})", "filters[0].in[0]: expected a value of region"},
      {R"({"filters":[{"dim":"region","in":"BA"}]})", "filters[0].in: expected an array"},
      {R"({"filters":{}})", "filters: expected an array"},
      {R"({"filters":[{"dim":"region","in":["BA"],"not":1}]})", "filters[0].not: unknown field"},
      {R"({"group_by":["region","region"]})", "group_by[1]: dimension \"region\" is already grouped by"},
      {R"({"group_by":["school_year","county","region","organization","grade_level","sector","pathway","cte_status","wbl_type"]})",
       "group_by: at most 8 dimensions, got 9"},
      {R"({"group_by":["regio"]})", "group_by[0]: unknown dimension \"regio\""},
      {R"({"measures":[{"op":"avg"}]})",
       "measures[0].op: unknown op \"avg\"; expected one of count, distinct_students"},
      {R"({"measures":[{"op":"rate"}]})", "measures[0].outcome: rate needs an outcome"},
      {R"({"measures":[{"op":"rate","outcome":"completed"}]})",
       "measures[0].outcome: unknown outcome \"completed\"; expected one of concentrator"},
      {R"({"measures":[{"op":"mean","outcome":"completer"}]})", "measures[0].measure: mean needs a measure"},
      {R"({"measures":[{"op":"median","measure":"salary"}]})",
       "measures[0].measure: unknown measure \"salary\"; expected one of de_units, wbl_hours, wage"},
      {R"({"measures":[{"op":"sum"}]})", "measures[0]: sum needs exactly one of"},
      {R"({"measures":[{"op":"count","outcome":"wbl"}]})", "measures[0]: count takes no outcome or measure"},
      {R"({"measures":[]})", "measures: expected a non-empty array"},
      {R"({"order_by":[{"column":"wage_mean"}]})",
       "order_by[0].column: unknown column \"wage_mean\"; expected one of count"},
      {R"({"order_by":[{"column":"count","desc":"yes"}]})", "order_by[0].desc: expected true or false"},
      {R"({"limit":-1})", "limit: expected a non-negative integer"},
      {R"({"limit":"10"})", "limit: expected a non-negative integer"},
      {R"({"group":["region"]})", "group: unknown field; expected one of filters, group_by"},
      {R"([1,2])", "query spec: expected a JSON object"},
      {R"({"filters":[)", "query spec: not valid JSON"},
  };
  for (const auto& c : cases) {
    Status s = ParseError(c.spec);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.spec;
    EXPECT_THAT(s.message(), HasSubstr(c.message)) << c.spec;
  }
}

TEST(QuerySpec, ValuesAsNumbersOrStringsAndRangesNeedNotExist) {
  auto s = Small();
  auto spec = ParseQuerySpecText(
      R"({"filters":[{"dim":"school_year","min":2000,"max":"2030"},{"dim":"region","in":["BA",null]}],
          "group_by":["region"],"measures":[{"op":"count"}],"order_by":[{"column":"count","desc":true}],"limit":1})",
      *s);
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  auto r = Execute(*s, *spec);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows(), 1u);
  EXPECT_EQ(r->DimValue(0, 0), "BA");
  EXPECT_EQ(r->columns[1].ints[0], 3);  // two 2024 and one 2025 BA rows; 9 is below the range
}

TEST(Execute, ResultsInGroupOrderWithNullLastAndEveryColumn) {
  auto s = Small();
  auto spec = ParseQuerySpecText(
      R"({"group_by":["school_year","region"],"measures":[{"op":"count"},{"op":"distinct_students"},
          {"op":"rate","outcome":"completer"},{"op":"median","measure":"wage"},{"op":"sum","measure":"wage"}]})",
      *s);
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  auto r = Execute(*s, *spec, {.threads = 3});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ToJsonText(), r->ToJson().dump());
  EXPECT_EQ(r->ToCsv(),
            "school_year,region,count,distinct_students,completer_rate,completer_sum,completer_n,wage_median,wage_n,"
            "wage_sum\n"
            "9,BA,1,1,0,0,1,50,1,50\n"
            "2024,BA,2,2,1,2,2,125,2,250\n"
            "2024,LA,1,1,NA,0,0,NA,0,0\n"
            "2024,NA,1,1,1,1,1,200,1,200\n"
            "2025,BA,1,1,0,0,1,300,1,300\n");
  json j = r->ToJson();
  EXPECT_EQ(j["data_version"], "v1");
  EXPECT_EQ(j["group_by"], json::parse(R"(["school_year","region"])"));
  EXPECT_EQ(j["columns"][0], json::parse(R"({"name":"school_year","type":"dimension"})"));
  EXPECT_EQ(j["columns"][4], json::parse(R"({"name":"completer_rate","type":"rate"})"));
  EXPECT_EQ(j["rows"][2], json::parse(R"([2024,"LA",1,1,null,0,0,null,0,0.0])"));
  EXPECT_EQ(j["rows"][3][1], nullptr);
}

TEST(Execute, HashGroupsAndSortedDistinctAgreeWithDense) {
  auto s = Small();
  auto spec = ParseQuerySpecText(
      R"({"group_by":["race_ethnicity","gender"],"measures":[{"op":"count"},{"op":"distinct_students"},{"op":"mean","measure":"wage"}]})",
      *s);
  ASSERT_TRUE(spec.ok());
  auto dense = Execute(*s, *spec, {.threads = 1});
  auto hashed = Execute(*s, *spec, {.threads = 2, .memory_budget_bytes = 0});
  ASSERT_TRUE(dense.ok() && hashed.ok());
  EXPECT_TRUE(dense->stats.dense_groups);
  EXPECT_FALSE(hashed->stats.dense_groups);
  EXPECT_EQ(dense->ToJsonText(), hashed->ToJsonText());
}

TEST(Execute, ZoneMapsSkipBlocks) {
  std::vector<PlainRow> rows;
  for (int i = 0; i < 3 * static_cast<int>(kBlockRows); ++i) {
    rows.push_back(Row(i, i < static_cast<int>(kBlockRows) ? "2023" : "2024", "BA", "asian", i % 3 == 0, i));
  }
  auto s = BuildSnapshot(rows);
  auto spec = ParseQuerySpecText(
      R"({"filters":[{"dim":"school_year","in":[2023]}],"measures":[{"op":"count"},{"op":"median","measure":"wage"}]})",
      *s);
  ASSERT_TRUE(spec.ok());
  auto r = Execute(*s, *spec, {.threads = 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stats.blocks_skipped, 2u);
  EXPECT_EQ(r->stats.rows_scanned, kBlockRows);
  EXPECT_EQ(r->columns[0].ints[0], kBlockRows);
  EXPECT_EQ(r->columns[1].doubles[0], (kBlockRows - 1) / 2.0);
}

TEST(Execute, RunQueryParsesAndExecutes) {
  auto s = Small();
  auto r = RunQuery(*s, json::parse(R"({"group_by":["gender"],"measures":[{"op":"distinct_students"}]})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ToCsv(), "gender,distinct_students\nF,2\nM,3\n");
  EXPECT_EQ(RunQuery(*s, json::parse(R"({"group_by":["x"]})")).status().code(), StatusCode::kInvalidArgument);
}

TEST(Execute, RefusesASpecResolvedAgainstAnotherSnapshot) {
  auto a = Small();
  auto b = BuildSnapshot({Row(0, "2024", "CC", "asian", true, 1.0)});
  auto spec = ParseQuerySpecText(R"({"filters":[{"dim":"region","in":["LA"]}]})", *a);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(Execute(*b, *spec).status().code(), StatusCode::kInvalidArgument);
}

class SnapshotFileTest : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = pl::testing::ScratchDir("snapshot-file");
  std::string Path(const std::string& name) { return (dir_ / name).string(); }
  static std::string Read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void Write(const std::string& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
  }
};

TEST_F(SnapshotFileTest, RoundTripKeepsEveryColumnAndAnswer) {
  std::vector<PlainRow> rows;
  for (int i = 0; i < 40000; ++i) {
    PlainRow r = Row(i / 3, i % 7 ? "2024" : "2023", i % 5 ? "BA" : nullptr, i % 4 ? "asian" : "white",
                     i % 6 ? std::optional<bool>(i % 2 == 0) : std::nullopt,
                     i % 9 ? std::optional<double>(i * 0.5) : std::nullopt);
    r.dims[static_cast<int>(Dim::kOrganization)] = "ORG-" + std::to_string(i % 300);
    rows.push_back(std::move(r));
  }
  auto built = BuildSnapshot(rows, "batch-7");
  ASSERT_TRUE(built->Save(Path("a.plsnap")).ok());
  EXPECT_FALSE(std::filesystem::exists(Path("a.plsnap.tmp")));
  auto loaded = Snapshot::Load(Path("a.plsnap"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Snapshot& l = **loaded;
  EXPECT_EQ(l.rows(), built->rows());
  EXPECT_EQ(l.students(), built->students());
  EXPECT_EQ(l.data_version(), "batch-7");
  EXPECT_EQ(l.source(), Path("a.plsnap"));
  EXPECT_TRUE(VerifySnapshotFile(Path("a.plsnap")).ok());
  for (int d = 0; d < kNumDims; ++d) {
    const Dim dim = static_cast<Dim>(d);
    EXPECT_EQ(l.dictionary(dim).values, built->dictionary(dim).values);
    EXPECT_EQ(l.dictionary(dim).has_null, built->dictionary(dim).has_null);
    EXPECT_EQ(l.code_width(dim), built->code_width(dim));
    for (std::uint64_t r = 0; r < l.rows(); r += 97) ASSERT_EQ(l.code(dim, r), built->code(dim, r));
  }
  for (std::uint64_t r = 0; r < l.rows(); ++r) {
    ASSERT_EQ(l.outcome(Outcome::kCompleter, r), built->outcome(Outcome::kCompleter, r));
    ASSERT_EQ(l.measure_value(Measure::kWage, r), built->measure_value(Measure::kWage, r));
    ASSERT_EQ(l.student_ids()[r], built->student_ids()[r]);
  }
  const char* spec_text =
      R"({"group_by":["school_year","region","organization"],"measures":[{"op":"count"},{"op":"distinct_students"},
          {"op":"rate","outcome":"completer"},{"op":"median","measure":"wage"}]})";
  auto a = Execute(*built, *ParseQuerySpecText(spec_text, *built));
  auto b = Execute(l, *ParseQuerySpecText(spec_text, l));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->rows(), 100u);
  EXPECT_EQ(a->ToJsonText(), b->ToJsonText());
}

TEST_F(SnapshotFileTest, DamagedFilesAreRefusedWithTheFileAndTheReason) {
  auto built = Small();
  ASSERT_TRUE(built->Save(Path("good.plsnap")).ok());
  const std::string good = Read(Path("good.plsnap"));
  ASSERT_EQ(good.size() % 64, 0u);

  auto expect_loss = [&](const std::string& name, const std::string& bytes, const std::string& reason) {
    Write(Path(name), bytes);
    auto loaded = Snapshot::Load(Path(name));
    ASSERT_FALSE(loaded.ok()) << name;
    EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss) << name;
    EXPECT_THAT(loaded.status().message(), HasSubstr(Path(name)));
    EXPECT_THAT(loaded.status().message(), HasSubstr(reason));
  };
  expect_loss("truncated.plsnap", good.substr(0, good.size() - 64), "truncated");
  expect_loss("tiny.plsnap", good.substr(0, 10), "too short");
  std::string magic = good;
  magic[0] = 'X';
  expect_loss("magic.plsnap", magic, "bad magic");
  std::string header = good;
  header[60] ^= 0x40;  // inside the header: the data version or a dictionary
  expect_loss("header.plsnap", header, "checksum");
  std::string version = good;
  version[8] = 9;
  expect_loss("version.plsnap", version, "format version 9");

  // Column data is checked on request (a full read), not at load.
  std::string data = good;
  data[data.size() - 64] ^= 0x01;  // the first byte of the last column (student ids)
  Write(Path("data.plsnap"), data);
  EXPECT_TRUE(Snapshot::Load(Path("data.plsnap")).ok());
  Status verified = VerifySnapshotFile(Path("data.plsnap"));
  EXPECT_EQ(verified.code(), StatusCode::kDataLoss);
  EXPECT_THAT(verified.message(), HasSubstr("checksum"));

  auto missing = Snapshot::Load(Path("missing.plsnap"));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(SnapshotFileTest, EmptySnapshotRoundTrips) {
  auto empty = BuildSnapshot({}, "empty");
  ASSERT_NE(empty, nullptr);
  ASSERT_TRUE(empty->Save(Path("empty.plsnap")).ok());
  auto loaded = Snapshot::Load(Path("empty.plsnap"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->rows(), 0u);
  auto r = Execute(**loaded, *ParseQuerySpecText(R"({"group_by":["region"]})", **loaded));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows(), 0u);
}

}  // namespace
}  // namespace pl::engine::testing
