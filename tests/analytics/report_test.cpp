// The published analyses on a snapshot built by hand: the equity report's
// numbers against hand-computed PPG-1, 80% index and proportionality index,
// what each viewer sees (public, state, regional, institution), the query
// table, and di_iterate over the engine's counts against di_iterate on the
// same rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <map>

#include "analytics/analytics.hpp"

namespace pl::analytics {
namespace {

using engine::Dim;
using engine::Outcome;

// Rows of one group: n students, s completers, in an organization.
struct GroupSpec {
  std::string race;
  int n;
  int completers;
  std::string org = "ORG-A";
  std::string year = "2024";
  std::optional<bool> credential = true;  // for the iterate test
};

class Fixture {
 public:
  std::shared_ptr<const engine::Snapshot> Build(const std::vector<GroupSpec>& groups) {
    engine::SnapshotBuilder builder;
    for (const auto& g : groups) {
      for (int i = 0; i < g.n; ++i) {
        engine::SnapshotBuilder::Row row;
        row.student = next_student_++;
        auto set = [&](Dim d, const std::string& v) { row.dims[static_cast<int>(d)] = Keep(v); };
        set(Dim::kSchoolYear, g.year);
        set(Dim::kOrganization, g.org);
        set(Dim::kCounty, g.org == "ORG-B" ? "06013" : g.org == "ORG-C" ? "06019" : "06001");
        set(Dim::kRegion, g.org == "ORG-C" ? "CVML" : "BA");
        set(Dim::kSector, "HEA");
        set(Dim::kGender, i % 2 ? "F" : "M");
        if (g.race != "NA") set(Dim::kRaceEthnicity, g.race);
        set(Dim::kCteStatus, i < g.completers ? "completer" : "participant");
        for (int o = 0; o < engine::kNumOutcomes; ++o) row.outcomes[o] = false;
        row.outcomes[static_cast<int>(Outcome::kConcentrator)] = true;
        row.outcomes[static_cast<int>(Outcome::kCompleter)] = i < g.completers;
        row.outcomes[static_cast<int>(Outcome::kCredential)] =
            g.credential && i % 3 == 0 ? std::optional<bool>() : std::optional<bool>(i % 2 == 0);
        builder.Add(row);
      }
    }
    NullProgress progress;
    auto snapshot = builder.Finish("v1", progress);
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return *snapshot;
  }

  Labels labels() const {
    Labels l;
    l.Add(Dim::kRegion, "BA", "Bay Area");
    l.Add(Dim::kRegion, "CVML", "Central Valley/Mother Lode");
    l.Add(Dim::kCounty, "06001", "Alameda");
    l.AddRegionCounty("BA", "06001");
    l.AddRegionCounty("BA", "06013");
    l.AddRegionCounty("CVML", "06019");
    l.AddOrganization("ORG-A", "06001");
    l.AddOrganization("ORG-B", "06013");
    l.AddOrganization("ORG-C", "06019");
    return l;
  }

 private:
  std::string_view Keep(const std::string& v) { return strings_.emplace_back(v); }
  std::deque<std::string> strings_;
  int next_student_ = 0;
};

const privacy::SuppressionPolicy kPolicy{.min_n = 11};

// Asian 28/40, Hispanic 25/50, White 21/30 (21 of 30: 9 without, a small
// count), Black 1/5 (small).
std::vector<GroupSpec> Cohort() {
  return {{"asian", 40, 28}, {"hispanic_latino", 50, 25}, {"white", 30, 21}, {"black_african_american", 5, 1}};
}

EquityRequest Ppg1() {
  auto r = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

const nlohmann::json& Group(const nlohmann::json& cohort, const std::string& code) {
  for (const auto& g : cohort["groups"]) {
    if (g["group"] == code) return g;
  }
  ADD_FAILURE() << "no group " << code << " in " << cohort.dump();
  static nlohmann::json none;
  return none;
}

TEST(EquityReport, Ppg1NumbersMatchTheHandComputation) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  auto report = EquityReport(*snapshot, f.labels(), Ppg1(), {.statewide = true}, kPolicy);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ((*report)["cohorts"].size(), 1u);
  const auto& cohort = (*report)["cohorts"][0];
  EXPECT_EQ(cohort["cohort"], "2023-24");
  EXPECT_EQ(cohort["overall"]["n"]["value"], 125);
  EXPECT_EQ(cohort["overall"]["success"]["value"], 75);
  EXPECT_DOUBLE_EQ(cohort["overall"]["rate"].get<double>(), 75.0 / 125.0);

  // Hispanic: reference = everyone else = (75 - 25) / (125 - 50) = 50/75;
  // MOE = max(1.96 sqrt(0.25/50), 0.03) = 0.98/sqrt(50) = 0.138593...;
  // 0.5 + 0.138593 <= 0.666667: flagged; needs ceil(0.028074 * 50) = 2 more
  // to leave DI and ceil(0.166667 * 50) = 9 for parity.
  const auto& h = Group(cohort, "hispanic_latino");
  EXPECT_EQ(h["label"], "Hispanic or Latino");
  EXPECT_DOUBLE_EQ(h["rate"].get<double>(), 0.5);
  EXPECT_NEAR(h["reference"].get<double>(), 50.0 / 75.0, 1e-15);
  EXPECT_NEAR(h["moe"].get<double>(), 0.98 / std::sqrt(50.0), 1e-15);
  EXPECT_NEAR(h["gap"].get<double>(), 0.5 - 50.0 / 75.0, 1e-15);
  EXPECT_EQ(h["flag"], true);
  EXPECT_EQ(h["small_n"], false);
  EXPECT_EQ(h["success_needed_not_di"], 2);
  EXPECT_EQ(h["success_needed_full_parity"], 9);
  EXPECT_EQ(h["reference_group"], "all but current");

  // Asian 0.7 vs (75 - 28)/(125 - 40) = 0.5529: above its reference.
  const auto& a = Group(cohort, "asian");
  EXPECT_EQ(a["flag"], false);
  EXPECT_EQ(a["success_needed_full_parity"], 0);

  // The state analyst sees the small group; it is not flagged under min n.
  const auto& b = Group(cohort, "black_african_american");
  EXPECT_EQ(b["suppressed"], false);
  EXPECT_EQ(b["n"]["value"], 5);
  EXPECT_EQ(b["small_n"], true);
  EXPECT_EQ(b["flag"], false);
}

TEST(EquityReport, PublicViewersSeeSmallGroupsWithheldWithTheirComplements) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  auto report = EquityReport(*snapshot, f.labels(), Ppg1(), {}, kPolicy);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const auto& cohort = (*report)["cohorts"][0];
  const auto& b = Group(cohort, "black_african_american");
  EXPECT_EQ(b["suppressed"], true);
  EXPECT_EQ(b["reason"], "below_min_n");
  EXPECT_TRUE(b["n"]["value"].is_null());
  EXPECT_TRUE(b["rate"].is_null());
  EXPECT_TRUE(b["flag"].is_null());
  EXPECT_TRUE(b["success_needed_not_di"].is_null());
  // White: 9 without the outcome is itself a small count.
  const auto& w = Group(cohort, "white");
  EXPECT_EQ(w["suppressed"], true);
  EXPECT_EQ(w["reason"], "below_min_n");
  // The two large groups stay, with their exact numbers.
  const auto& h = Group(cohort, "hispanic_latino");
  EXPECT_EQ(h["suppressed"], false);
  EXPECT_EQ(h["flag"], true);
  EXPECT_EQ(h["n"]["value"], 50);
  // The overall rate is published (125 students, 75 with, 50 without).
  EXPECT_EQ(cohort["overall"]["n"]["value"], 125);
}

TEST(EquityReport, AReferenceTakenFromAWithheldGroupIsNotShown) {
  Fixture f;
  // The highest-performing group is a small one (5 of 5); the Asian group
  // is withheld with it (the smallest other count).
  auto snapshot = f.Build({{"asian", 40, 28}, {"hispanic_latino", 100, 50}, {"white", 60, 40},
                           {"black_african_american", 5, 5}});
  auto request = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"method", "80-index"}});
  ASSERT_TRUE(request.ok());
  auto report = EquityReport(*snapshot, f.labels(), *request, {}, kPolicy);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const auto& h = Group((*report)["cohorts"][0], "hispanic_latino");
  EXPECT_EQ(h["suppressed"], false);
  EXPECT_TRUE(h["reference"].is_null());
  EXPECT_TRUE(h["gap"].is_null());
  EXPECT_TRUE(h["index"].is_null());
  EXPECT_TRUE(h["success_needed_not_di"].is_null());
  EXPECT_EQ(h["rate"], 0.5);
  EXPECT_THAT((*report)["notes"].dump(), ::testing::HasSubstr("reference group is withheld"));

  // A state analyst sees the 80% index against 1.0: 0.5 < 0.8, flagged;
  // (0.8 * 1 - 0.5) * 100 is 30.000000000000004 in doubles, so DisImpact's
  // ceiling says 31 (and 50 for parity).
  auto exact = EquityReport(*snapshot, f.labels(), *request, {.statewide = true}, kPolicy);
  ASSERT_TRUE(exact.ok());
  const auto& he = Group((*exact)["cohorts"][0], "hispanic_latino");
  EXPECT_EQ(he["reference_group"], "black_african_american");
  EXPECT_DOUBLE_EQ(he["index"].get<double>(), 0.5);
  EXPECT_EQ(he["flag"], true);
  EXPECT_EQ(he["success_needed_not_di"], 31);
  EXPECT_EQ(he["success_needed_full_parity"], 50);
}

TEST(EquityReport, ProportionalityIndex) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  auto request = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"method", "prop-index"}});
  ASSERT_TRUE(request.ok());
  auto report = EquityReport(*snapshot, f.labels(), *request, {.statewide = true}, kPolicy);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // Hispanic: (25/75) / (50/125) = 0.8333...: not below 0.8.
  const auto& h = Group((*report)["cohorts"][0], "hispanic_latino");
  EXPECT_NEAR(h["index"].get<double>(), (25.0 / 75.0) / (50.0 / 125.0), 1e-15);
  EXPECT_EQ(h["flag"], false);
  EXPECT_EQ((*report)["reference"], "overall");
}

TEST(EquityReport, RegionalAndInstitutionViewersAreExactOnlyWithinScope) {
  Fixture f;
  auto snapshot = f.Build({{"asian", 40, 30, "ORG-A"}, {"black_african_american", 5, 1, "ORG-A"},
                           {"hispanic_latino", 50, 25, "ORG-B"}, {"white", 30, 20, "ORG-C"}});
  Viewer alameda{.counties = {"06001"}};
  auto in_scope = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"county", "06001"}});
  auto wider = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"region", "BA"}});
  ASSERT_TRUE(in_scope.ok() && wider.ok());
  auto exact = EquityReport(*snapshot, f.labels(), *in_scope, alameda, kPolicy);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(Group((*exact)["cohorts"][0], "black_african_american")["n"]["value"], 5);
  auto outside = EquityReport(*snapshot, f.labels(), *wider, alameda, kPolicy);
  ASSERT_TRUE(outside.ok());
  EXPECT_EQ(Group((*outside)["cohorts"][0], "black_african_american")["suppressed"], true);

  Viewer district{.organizations = {"ORG-A"}};
  auto by_org = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"organization", "ORG-A"}});
  ASSERT_TRUE(by_org.ok());
  auto own = EquityReport(*snapshot, f.labels(), *by_org, district, kPolicy);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(Group((*own)["cohorts"][0], "black_african_american")["n"]["value"], 5);
  auto all = EquityReport(*snapshot, f.labels(), Ppg1(), district, kPolicy);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Group((*all)["cohorts"][0], "black_african_american")["suppressed"], true);
}

TEST(EquityReport, CohortsPlacesAndIntersections) {
  Fixture f;
  std::vector<GroupSpec> rows = {{"asian", 40, 30, "ORG-A", "2023"}, {"hispanic_latino", 50, 20, "ORG-A", "2023"},
                                 {"asian", 40, 32, "ORG-A", "2024"}, {"hispanic_latino", 50, 25, "ORG-C", "2024"},
                                 {"NA", 20, 10, "ORG-C", "2024"}};
  auto snapshot = f.Build(rows);
  auto request = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"by", "region"}});
  ASSERT_TRUE(request.ok());
  auto report = EquityReport(*snapshot, f.labels(), *request, {.statewide = true}, kPolicy);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ((*report)["cohorts"].size(), 2u);
  EXPECT_EQ((*report)["cohorts"][0]["cohort"], "2022-23");
  EXPECT_EQ((*report)["cohorts"][1]["cohort"], "2023-24");
  // The missing group is its own group, last, labelled.
  const auto& last = (*report)["cohorts"][1]["groups"].back();
  EXPECT_TRUE(last["group"].is_null());
  EXPECT_EQ(last["label"], "Not reported");
  // Places: each region's groups against their own region, in the last year.
  ASSERT_EQ((*report)["places"].size(), 2u);
  EXPECT_EQ((*report)["places"][0]["code"], "BA");
  EXPECT_EQ((*report)["places"][0]["name"], "Bay Area");
  EXPECT_EQ((*report)["places"][0]["level"], "region");

  auto both = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity*gender"}});
  ASSERT_TRUE(both.ok());
  auto crossed = EquityReport(*snapshot, f.labels(), *both, {.statewide = true}, kPolicy);
  ASSERT_TRUE(crossed.ok()) << crossed.status().ToString();
  EXPECT_EQ((*crossed)["group"]["code"], "race_ethnicity*gender");
  EXPECT_EQ(Group((*crossed)["cohorts"][1], "asian / F")["label"], "Asian / Female");
  EXPECT_EQ(Group((*crossed)["cohorts"][1], "NA / M")["label"], "Not reported / Male");
}

TEST(EquityRequestParsing, RefusesWhatItCannotAnswer) {
  auto bad = [](std::map<std::string, std::string> params, const std::string& parameter) {
    auto r = ParseEquityRequest(params);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().details()["parameter"], parameter) << r.status().message();
  };
  bad({{"group", "race_ethnicity"}}, "outcome");
  bad({{"outcome", "complete"}, {"group", "race_ethnicity"}}, "outcome");
  bad({{"outcome", "completer"}}, "group");
  bad({{"outcome", "completer"}, {"group", "race"}}, "group");
  bad({{"outcome", "completer"}, {"group", "a*b*c"}}, "group");
  bad({{"outcome", "completer"}, {"group", "gender*gender"}}, "group");
  bad({{"outcome", "completer"}, {"group", "school_year"}}, "group");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"method", "ppg2"}}, "method");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"from", "last year"}}, "from");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"from", "2024-25"}, {"to", "2020-21"}}, "from");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"min_moe", "2"}}, "min_moe");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"cutoff", "-0.1"}}, "cutoff");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"use_prop_in_moe", "yes"}}, "use_prop_in_moe");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"by", "state"}}, "by");
  bad({{"outcome", "completer"}, {"group", "gender"}, {"cohort", "term"}}, "cohort");
}

TEST(EquityReport, UnknownNamedReferenceAndPopulationAreRefused) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  auto request = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"reference", "martian"}});
  ASSERT_TRUE(request.ok());
  auto report = EquityReport(*snapshot, f.labels(), *request, {}, kPolicy);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.status().message(), ::testing::HasSubstr("martian"));
  auto nowhere = ParseEquityRequest({{"outcome", "completer"}, {"group", "race_ethnicity"}, {"sector", "ZZZ"}});
  ASSERT_TRUE(nowhere.ok());
  EXPECT_FALSE(EquityReport(*snapshot, f.labels(), *nowhere, {}, kPolicy).ok());
}

// The query table as a client reads it. Its text is written directly, and
// must be what nlohmann::json writes for the same object (keys in order,
// numbers in the same form).
nlohmann::json Read(const Result<std::string>& text) {
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  if (!text.ok()) return nullptr;
  nlohmann::json table = nlohmann::json::parse(*text);
  EXPECT_EQ(table.dump(), *text);
  return table;
}

TEST(PublishQuery, LabelsCodesAndWithheldRows) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  nlohmann::json spec = {{"group_by", {"region", "race_ethnicity"}},
                         {"measures", {{{"op", "count"}}, {{"op", "rate"}, {"outcome", "completer"}}}}};
  const nlohmann::json table = Read(PublishQuery(*snapshot, f.labels(), spec, {}, kPolicy));
  ASSERT_EQ(table["rows"].size(), 4u) << table.dump();
  const auto& asian = table["rows"][0];
  EXPECT_EQ(asian["region"], "BA");
  EXPECT_EQ(asian["region_label"], "Bay Area");
  EXPECT_EQ(asian["race_ethnicity"], "asian");
  EXPECT_EQ(asian["race_ethnicity_label"], "Asian");
  EXPECT_EQ(asian["count"]["value"], 40);
  EXPECT_DOUBLE_EQ(asian["completer_rate"]["value"].get<double>(), 0.7);
  const auto& black = table["rows"][1];
  EXPECT_EQ(black["race_ethnicity"], "black_african_american");
  EXPECT_EQ(black["count"]["suppressed"], true);
  EXPECT_EQ(black["count"]["value"], nullptr);
  EXPECT_EQ(black["completer_rate"]["reason"], "below_min_n");
  EXPECT_EQ(table["suppression"]["exact"], false);
  EXPECT_GE(table["suppression"]["cells_withheld"].get<int>(), 2);
  EXPECT_EQ(table["columns"][0], (nlohmann::json{{"kind", "dimension"}, {"name", "region"}}));
  EXPECT_EQ(table["group_by"], (nlohmann::json{"region", "race_ethnicity"}));
  EXPECT_EQ(table["min_n"], 11);

  const nlohmann::json exact = Read(PublishQuery(*snapshot, f.labels(), spec, {.statewide = true}, kPolicy));
  EXPECT_EQ(exact["rows"][1]["count"]["value"], 5);
  EXPECT_EQ(exact["suppression"]["exact"], true);
  EXPECT_EQ(exact["suppression"]["cells_withheld"], 0);

  // A year's value is its label; a rate of 0/0 is null, shown.
  const nlohmann::json by_year =
      Read(PublishQuery(*snapshot, f.labels(),
                        {{"group_by", {"school_year"}}, {"measures", {{{"op", "mean"}, {"measure", "wbl_hours"}}}}},
                        {.statewide = true}, kPolicy));
  EXPECT_EQ(by_year["rows"][0]["school_year"], "2023-24") << by_year.dump();  // the year ending in 2024
  EXPECT_EQ(by_year["rows"][0]["wbl_hours_mean"]["value"], nullptr) << by_year.dump();
  EXPECT_EQ(by_year["rows"][0]["wbl_hours_mean"]["suppressed"], false) << by_year.dump();

  auto too_many = PublishQuery(*snapshot, f.labels(), spec, {}, kPolicy, 3);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(too_many.status().message(), ::testing::HasSubstr("4 groups, more than the 3"));
  spec["limit"] = 3;
  EXPECT_TRUE(PublishQuery(*snapshot, f.labels(), spec, {}, kPolicy, 3).ok());

  auto bad = PublishQuery(*snapshot, f.labels(), {{"group_by", {"sectr"}}, {"measures", {{{"op", "count"}}}}}, {},
                          kPolicy);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("sectr"));
}

// A sum of an outcome shown next to the count tells how many lack it: White
// 21 of 30 leaves 9 without (a small count), so the row is withheld, though
// neither 30 nor 21 is small, and a complement with it.
TEST(PublishQuery, ASumNextToTheCountProtectsThoseWithout) {
  Fixture f;
  auto snapshot = f.Build({{"asian", 40, 28}, {"hispanic_latino", 50, 25}, {"white", 30, 21}, {"filipino", 35, 20}});
  nlohmann::json spec = {{"group_by", {"race_ethnicity"}},
                         {"measures", {{{"op", "count"}}, {{"op", "sum"}, {"outcome", "completer"}}}}};
  const nlohmann::json table = Read(PublishQuery(*snapshot, f.labels(), spec, {}, kPolicy));
  std::map<std::string, nlohmann::json> rows;
  for (const auto& row : table["rows"]) rows[row["race_ethnicity"]] = row;
  ASSERT_EQ(rows.size(), 4u) << table.dump();
  EXPECT_EQ(rows["white"]["count"]["reason"], "below_min_n") << table.dump();
  EXPECT_EQ(rows["white"]["completer_sum"]["suppressed"], true);
  // Asian has 12 without: the smallest count next to it, so the complement.
  EXPECT_EQ(rows["asian"]["count"]["reason"], "complementary") << table.dump();
  EXPECT_EQ(rows["hispanic_latino"]["count"]["value"], 50);
  EXPECT_EQ(rows["filipino"]["completer_sum"]["value"], 20);

  // With the outcome's known rows requested too, those without are its
  // failures, protected once.
  spec["measures"].push_back({{"op", "rate"}, {"outcome", "completer"}});
  const nlohmann::json with_rate = Read(PublishQuery(*snapshot, f.labels(), spec, {}, kPolicy));
  for (const auto& row : with_rate["rows"]) {
    EXPECT_EQ(row["count"]["reason"], rows[row["race_ethnicity"]]["count"]["reason"]) << with_rate.dump();
  }
}

// di_iterate on the engine's counts (one weight per outcome) equals
// di_iterate on the rows themselves.
TEST(IterateFrame, EqualsIterateOnTheRows) {
  Fixture f;
  std::vector<GroupSpec> groups = {{"asian", 40, 30, "ORG-A", "2023"}, {"hispanic_latino", 50, 20, "ORG-B", "2023"},
                                   {"asian", 40, 32, "ORG-A", "2024"}, {"hispanic_latino", 50, 25, "ORG-C", "2024"},
                                   {"NA", 20, 10, "ORG-C", "2024"}, {"white", 7, 7, "ORG-B", "2024"}};
  auto snapshot = f.Build(groups);
  IterateRequest request{.success_vars = {"completer", "credential"},
                         .group_vars = {"race_ethnicity", "race_ethnicity*gender"},
                         .cohort_var = "school_year",
                         .scenario_vars = {"region"}};
  equity::IterateOptions options;
  auto frame = IterateFrame(*snapshot, request, &options);
  ASSERT_TRUE(frame.ok()) << frame.status().ToString();
  auto aggregated = equity::Iterate(*frame, options);
  ASSERT_TRUE(aggregated.ok()) << aggregated.status().ToString();

  // The same rows, one per student-year.
  std::vector<equity::OptString> year, region, race, gender;
  std::vector<std::optional<double>> completer, credential;
  for (std::uint64_t r = 0; r < snapshot->rows(); ++r) {
    auto text = [&](Dim d) -> equity::OptString {
      auto v = snapshot->dictionary(d).ValueJson(snapshot->code(d, r));
      if (v.is_null()) return std::nullopt;
      return v.is_string() ? v.get<std::string>() : v.dump();
    };
    year.push_back(*text(Dim::kSchoolYear) == "2023" ? "2022-23" : "2023-24");
    region.push_back(text(Dim::kRegion));
    race.push_back(text(Dim::kRaceEthnicity));
    gender.push_back(text(Dim::kGender));
    auto c = snapshot->outcome(Outcome::kCompleter, r);
    auto k = snapshot->outcome(Outcome::kCredential, r);
    completer.push_back(c ? std::optional<double>(*c) : std::nullopt);
    credential.push_back(k ? std::optional<double>(*k) : std::nullopt);
  }
  equity::Frame rows;
  ASSERT_TRUE(rows.AddCategorical("school_year", year).ok());
  ASSERT_TRUE(rows.AddCategorical("region", region).ok());
  ASSERT_TRUE(rows.AddCategorical("race_ethnicity", race).ok());
  ASSERT_TRUE(rows.AddCategorical("gender", gender).ok());
  ASSERT_TRUE(rows.AddNumeric("completer", completer).ok());
  ASSERT_TRUE(rows.AddNumeric("credential", credential).ok());
  equity::IterateOptions row_options{.success_vars = {"completer", "credential"},
                                     .group_vars = {"race_ethnicity", "race_ethnicity*gender"},
                                     .cohort_vars = {"school_year"},
                                     .scenario_repeat_by_vars = {"region"}};
  auto direct = equity::Iterate(rows, row_options);
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();

  std::ostringstream a, b;
  equity::WriteCsv(equity::IterateTable(*aggregated), a);
  equity::WriteCsv(equity::IterateTable(*direct), b);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_GT(aggregated->rows.size(), 40u);
}

TEST(IterateFrame, RefusesQueriesThatAreNotAPopulation) {
  Fixture f;
  auto snapshot = f.Build(Cohort());
  equity::IterateOptions options;
  IterateRequest request{.population = {{"group_by", {"region"}}}, .success_vars = {"completer"},
                         .group_vars = {"race_ethnicity"}};
  auto frame = IterateFrame(*snapshot, request, &options);
  ASSERT_FALSE(frame.ok());
  EXPECT_THAT(frame.status().message(), ::testing::HasSubstr("group_by"));
  request.population = nlohmann::json::object();
  request.success_vars = {"graduated"};
  EXPECT_THAT(IterateFrame(*snapshot, request, &options).status().message(), ::testing::HasSubstr("graduated"));
  request.success_vars = {"completer"};
  request.group_vars = {"ethnicity"};
  EXPECT_THAT(IterateFrame(*snapshot, request, &options).status().message(), ::testing::HasSubstr("ethnicity"));
}

}  // namespace
}  // namespace pl::analytics
