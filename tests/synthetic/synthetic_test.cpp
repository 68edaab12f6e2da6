// The generator's contract: options and input errors, determinism, progress.
// What the generated data must look like is in generated_data_test.cpp.

#include "synthetic/synthetic.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "synthetic/reference_input.hpp"

namespace pl::synthetic {
namespace {

using testing::LoadReferenceInput;
using testing::ReadFile;
using testing::ScratchDir;

const char* const kFiles[] = {"organizations.csv", "students.csv",       "student_years.csv",
                              "labor_demand.csv",  "program_awards.csv", "living_wage.csv"};

TEST(GeneratedFilesTest, TheListNamesEveryFileInImportOrder) {
  ASSERT_EQ(std::size(kGeneratedFiles), std::size(kFiles));
  for (std::size_t i = 0; i < std::size(kFiles); ++i) EXPECT_STREQ(kGeneratedFiles[i], kFiles[i]);
}

// FNV-1a: enough to tell files apart in a failure message.
std::uint64_t Checksum(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

Result<Summary> GenerateSmall(const std::string& dir, std::uint64_t seed) {
  Options options;
  options.scale = Scale::kSmall;
  options.seed = seed;
  options.out_dir = dir;
  NullProgress progress;
  return Generate(LoadReferenceInput(), options, progress);
}

TEST(ParseScaleTest, AcceptsTheThreeNames) {
  for (Scale s : {Scale::kSmall, Scale::kMedium, Scale::kState}) {
    auto parsed = ParseScale(ScaleName(s));
    ASSERT_TRUE(parsed.ok()) << ScaleName(s);
    EXPECT_EQ(*parsed, s);
  }
}

TEST(ParseScaleTest, UnknownNameListsTheChoices) {
  auto parsed = ParseScale("huge");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = parsed.status().message();
  for (const char* word : {"huge", "small", "medium", "state"}) {
    EXPECT_NE(message.find(word), std::string::npos) << message;
  }
  EXPECT_FALSE(ParseScale("Small").ok());  // names are exact
  EXPECT_FALSE(ParseScale("").ok());
}

TEST(GenerateErrorsTest, EmptyOutDir) {
  Options options;
  NullProgress progress;
  auto result = Generate(LoadReferenceInput(), options, progress);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("out_dir"), std::string::npos) << result.status().ToString();
}

TEST(GenerateErrorsTest, UnwritableOutDirNamesThePath) {
  // A directory cannot be created under a regular file, even by root.
  ScratchDir scratch;
  std::filesystem::create_directories(scratch.str());
  const std::string blocker = scratch.file("a_file");
  std::ofstream(blocker) << "x";
  const std::string out_dir = blocker + "/out";
  auto result = GenerateSmall(out_dir, 1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("cannot create output directory"), std::string::npos)
      << result.status().ToString();
  EXPECT_NE(result.status().message().find(out_dir), std::string::npos) << result.status().ToString();
}

TEST(GenerateErrorsTest, OutDirThatIsAFile) {
  ScratchDir scratch;
  std::filesystem::create_directories(scratch.str());
  const std::string file = scratch.file("not_a_dir");
  std::ofstream(file) << "x";
  auto result = GenerateSmall(file, 1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find(file), std::string::npos) << result.status().ToString();
}

TEST(GenerateErrorsTest, BadYears) {
  ScratchDir scratch;
  Options options;
  options.out_dir = scratch.str();
  options.years = 0;
  NullProgress progress;
  auto result = Generate(LoadReferenceInput(), options, progress);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("years"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(scratch.str()));  // nothing created for a bad request
}

TEST(GenerateErrorsTest, BadReferenceInputNamesTheCode) {
  ScratchDir scratch;
  Options options;
  options.out_dir = scratch.str();
  NullProgress progress;
  struct Case {
    const char* what;
    void (*edit)(ReferenceInput&);
    const char* expected;
  };
  const Case cases[] = {
      {"unknown county", [](ReferenceInput& in) { in.counties[0].fips = "06999"; }, "06999"},
      {"duplicate county", [](ReferenceInput& in) { in.counties.push_back(in.counties[0]); }, "duplicate county"},
      {"no counties", [](ReferenceInput& in) { in.counties.clear(); }, "no counties"},
      {"pathway of unlisted sector", [](ReferenceInput& in) { in.pathways.push_back({"XYZ", "XYZ-01"}); }, "XYZ"},
      {"sector without pathways", [](ReferenceInput& in) { in.sector_codes.push_back("NEW"); }, "NEW"},
      {"duplicate pathway", [](ReferenceInput& in) { in.pathways.push_back(in.pathways[0]); }, "AGR-01"},
      {"program of an unknown pathway",
       [](ReferenceInput& in) { in.pathway_programs.push_back({"ZZZ-09", "TOP", "1230.10"}); }, "ZZZ-09"},
      {"unknown code system",
       [](ReferenceInput& in) { in.pathway_programs.push_back({"HSM-04", "ONET", "29-1141.00"}); }, "ONET"},
      {"duplicate projection", [](ReferenceInput& in) { in.projections.push_back(in.projections[0]); },
       "duplicate projection"},
      {"negative projection", [](ReferenceInput& in) { in.projections[3].annual_openings = -1; },
       "negative or missing number"},
      {"projection period", [](ReferenceInput& in) { in.projection_years = 0; }, "projection_years"},
  };
  for (const Case& c : cases) {
    ReferenceInput input = LoadReferenceInput();
    c.edit(input);
    auto result = Generate(input, options, progress);
    ASSERT_FALSE(result.ok()) << c.what;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_NE(result.status().message().find(c.expected), std::string::npos)
        << c.what << ": " << result.status().ToString();
  }
}

TEST(GenerateDeterminismTest, SameSeedSameBytesOtherSeedOtherBytes) {
  ScratchDir a("_a"), b("_b"), c("_c");
  auto first = GenerateSmall(a.str(), 42);
  auto second = GenerateSmall(b.str(), 42);
  auto third = GenerateSmall(c.str(), 43);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  for (const char* name : kFiles) {
    const std::string x = ReadFile(a.file(name)), y = ReadFile(b.file(name)), z = ReadFile(c.file(name));
    ASSERT_FALSE(x.empty()) << name;
    EXPECT_EQ(Checksum(x), Checksum(y)) << name << " differs between two runs with seed 42";
    EXPECT_EQ(x.size(), y.size()) << name;
    EXPECT_NE(Checksum(x), Checksum(z)) << name << " is the same for seeds 42 and 43";
  }
  EXPECT_EQ(first->students, second->students);
  EXPECT_EQ(first->student_years, second->student_years);
  EXPECT_EQ(first->bytes_written, second->bytes_written);
}

TEST(GenerateDeterminismTest, NoTemporaryFilesLeftBehind) {
  ScratchDir dir;
  ASSERT_TRUE(GenerateSmall(dir.str(), 7).ok());
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.str())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"labor_demand.csv", "living_wage.csv", "organizations.csv",
                                             "program_awards.csv", "student_years.csv", "students.csv"}));
}

TEST(GenerateTest, SummaryMatchesTheFiles) {
  ScratchDir dir;
  auto summary = GenerateSmall(dir.str(), 1);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::uint64_t bytes = 0;
  for (const char* name : kFiles) bytes += std::filesystem::file_size(dir.file(name));
  EXPECT_EQ(summary->bytes_written, bytes);
  auto lines = [&](const char* name) {
    const std::string text = ReadFile(dir.file(name));
    return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) - 1;  // minus header
  };
  EXPECT_EQ(summary->organizations, lines("organizations.csv"));
  EXPECT_EQ(summary->students, lines("students.csv"));
  EXPECT_EQ(summary->student_years, lines("student_years.csv"));
  EXPECT_EQ(summary->labor_demand, lines("labor_demand.csv"));
  EXPECT_EQ(summary->program_awards, lines("program_awards.csv"));
  EXPECT_EQ(summary->living_wage, lines("living_wage.csv"));
  EXPECT_GT(summary->seconds, 0.0);
  EXPECT_GT(summary->labor_seconds, 0.0);
  EXPECT_LT(summary->labor_seconds, summary->seconds);
}

TEST(GenerateTest, ASubsetOfCountiesGetsOnlyItsShare) {
  ReferenceInput input = LoadReferenceInput();
  input.counties = {input.counties[0] /* Alameda */, input.counties[2] /* Amador */};
  ScratchDir dir;
  Options options;
  options.out_dir = dir.str();
  NullProgress progress;
  auto summary = Generate(input, options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  // Alameda and Amador hold about 4.4% of the state's residents.
  EXPECT_GT(summary->student_years, 1000u);
  EXPECT_LT(summary->student_years, 4000u);
}

// Records every call, checking the Progress protocol as it goes.
class RecordingProgress final : public Progress {
 public:
  struct Phase {
    std::string label, unit;
    std::uint64_t total = 0, last = 0;
    bool ended = false;
  };
  void Begin(const std::string& label, std::uint64_t total, const std::string& unit) override {
    if (!phases.empty()) {
      EXPECT_TRUE(phases.back().ended) << "phase began before the last one ended";
    }
    phases.push_back({label, unit, total, 0, false});
  }
  void Update(std::uint64_t done) override {
    ASSERT_FALSE(phases.empty());
    EXPECT_GE(done, phases.back().last) << phases.back().label;
    EXPECT_LE(done, phases.back().total) << phases.back().label;
    phases.back().last = done;
  }
  void End() override { phases.back().ended = true; }
  std::vector<Phase> phases;
};

TEST(GenerateTest, ReportsPhasesWithExactTotals) {
  ScratchDir dir;
  Options options;
  options.out_dir = dir.str();
  RecordingProgress progress;
  auto summary = Generate(LoadReferenceInput(), options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(progress.phases.size(), 5u);
  EXPECT_EQ(progress.phases[0].label, "writing organizations");
  EXPECT_EQ(progress.phases[0].total, summary->organizations);
  EXPECT_EQ(progress.phases[0].last, progress.phases[0].total);
  EXPECT_EQ(progress.phases[1].label, "generating students");
  EXPECT_GT(progress.phases[1].total, 0u);
  EXPECT_EQ(progress.phases[1].last, progress.phases[1].total);
  EXPECT_EQ(progress.phases[2].label, "writing labor demand");
  EXPECT_EQ(progress.phases[2].total, summary->labor_demand);  // one row per region and occupation
  EXPECT_EQ(progress.phases[3].label, "writing program awards");
  EXPECT_EQ(progress.phases[3].unit, "institutions");
  EXPECT_EQ(progress.phases[4].label, "writing living wages");
  EXPECT_EQ(progress.phases[4].total * 3, summary->living_wage);  // three households per county
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_GT(progress.phases[i].total, 0u) << progress.phases[i].label;
    EXPECT_EQ(progress.phases[i].last, progress.phases[i].total) << progress.phases[i].label;
  }
  for (const auto& phase : progress.phases) EXPECT_TRUE(phase.ended) << phase.label;
}

// Not run by default: times a larger scale and leaves the files for a look.
//   PL_SYNTHETIC_SCALE=medium PL_SYNTHETIC_OUT=/tmp/syn pl_synthetic_tests
//     --gtest_also_run_disabled_tests --gtest_filter='*Timing*'
TEST(GenerateTest, DISABLED_TimingRun) {
  const char* scale_name = std::getenv("PL_SYNTHETIC_SCALE");
  const char* out = std::getenv("PL_SYNTHETIC_OUT");
  auto scale = ParseScale(scale_name != nullptr ? scale_name : "medium");
  ASSERT_TRUE(scale.ok()) << scale.status().ToString();
  Options options;
  options.scale = *scale;
  options.out_dir = out != nullptr ? out : std::string(PL_BINARY_DIR) + "/synthetic_timing";
  TerminalProgress progress;
  auto summary = Generate(LoadReferenceInput(), options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::printf("scale=%s organizations=%llu students=%llu student_years=%llu bytes=%llu seconds=%.2f\n"
              "labor_demand=%llu program_awards=%llu living_wage=%llu labor_seconds=%.3f\n",
              std::string(ScaleName(*scale)).c_str(), static_cast<unsigned long long>(summary->organizations),
              static_cast<unsigned long long>(summary->students),
              static_cast<unsigned long long>(summary->student_years),
              static_cast<unsigned long long>(summary->bytes_written), summary->seconds,
              static_cast<unsigned long long>(summary->labor_demand),
              static_cast<unsigned long long>(summary->program_awards),
              static_cast<unsigned long long>(summary->living_wage), summary->labor_seconds);
}

}  // namespace
}  // namespace pl::synthetic
