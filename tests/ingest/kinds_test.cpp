// The declarations themselves: consistent, documented, and the data
// dictionary in docs/ is the one they generate.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "core/code_sets.hpp"
#include "ingest/bulk_writer.hpp"
#include "ingest/code_sets.hpp"
#include "ingest/fields.hpp"
#include "ingest/kind.hpp"

namespace pl::ingest {
namespace {

TEST(KindsTest, TheIssueTemplatesHaveExactlyTheirColumns) {
  auto columns = [](const char* kind) {
    std::vector<std::string> names;
    for (const auto& c : (*FindKind(kind))->columns) names.push_back(c.name);
    return names;
  };
  EXPECT_EQ(columns("organizations"),
            (std::vector<std::string>{"org_id", "org_type", "name", "county_fips", "parent_org_id", "cds_code",
                                      "ipeds_id", "latitude", "longitude"}));
  EXPECT_EQ(columns("students"),
            (std::vector<std::string>{"student_key", "birth_year", "gender", "race_ethnicity",
                                      "socioeconomically_disadvantaged", "disability", "english_learner",
                                      "foster_youth", "homeless", "migrant", "first_generation"}));
  EXPECT_EQ(columns("student_years"),
            (std::vector<std::string>{"student_key", "school_year", "org_id", "grade_level", "sector_code",
                                      "pathway_code", "cte_status", "de_units_attempted", "de_units_earned",
                                      "wbl_type", "wbl_hours", "industry_credential", "hs_graduate",
                                      "postsecondary_enrolled", "employed", "quarterly_wage"}));
}

TEST(KindsTest, DeclarationsAreConsistent) {
  CodeSets fixed = CodeSets::FixedOnly();
  std::set<std::string> database_sets = {"county", "sector", "pathway", "soc"};
  std::set<std::string> names;
  for (const auto& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    EXPECT_TRUE(names.insert(kind.name).second) << "kind declared twice";
    EXPECT_FALSE(kind.key.empty());
    EXPECT_FALSE(kind.description.empty());
    for (const auto& k : kind.key) {
      const ColumnSpec* c = kind.Find(k);
      ASSERT_NE(c, nullptr) << "key column " << k;
      EXPECT_TRUE(c->required) << "key column " << k << " must be required";
    }
    std::set<std::string> columns;
    for (const auto& c : kind.columns) {
      EXPECT_TRUE(columns.insert(c.name).second) << "column declared twice: " << c.name;
      EXPECT_FALSE(c.description.empty()) << c.name;
      EXPECT_FALSE(c.example.empty()) << c.name;
      if (c.type == ColumnType::kCode) {
        EXPECT_TRUE(fixed.Known(c.code_set) || database_sets.count(c.code_set)) << c.code_set;
      }
      if (c.type == ColumnType::kReference) {
        EXPECT_TRUE(FindKind(c.references).ok()) << c.references;
      }
      if (c.type == ColumnType::kInteger || c.type == ColumnType::kDecimal) {
        EXPECT_LT(c.min, c.max) << c.name;
      }
    }
    EXPECT_FALSE(StoredColumns(kind).empty());
  }
}

TEST(KindsTest, ExamplesPassTheirOwnValidation) {
  // Every documented example is a valid value, so the dictionary never shows
  // something the importer would reject.
  CodeSets codes = CodeSets::FixedOnly();
  codes.values["county"] = {"06019"};
  codes.values["sector"] = {"HSM"};
  codes.values["pathway"] = {"HSM-04"};
  codes.values["soc"] = {"29-2061", "31-1131"};
  for (const auto& kind : Kinds()) {
    for (const auto& c : kind.columns) {
      Cell cell;
      EXPECT_EQ(ParseField(c, c.example, codes, &cell), "") << kind.name << "." << c.name << " = " << c.example;
    }
  }
}

TEST(KindsTest, DocsDataDictionaryIsGeneratedFromTheDeclarations) {
  std::ifstream in(std::string(PL_SOURCE_DIR) + "/docs/data-dictionary.md");
  ASSERT_TRUE(in) << "docs/data-dictionary.md is missing: run pathlight data-dictionary > docs/data-dictionary.md";
  std::string committed((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(committed, DataDictionaryMarkdown())
      << "docs/data-dictionary.md is stale: run pathlight data-dictionary > docs/data-dictionary.md";
  for (const char* kind : {"organizations", "students", "student_years", "labor_demand", "program_awards",
                           "living_wage", "pathway_programs", "program_occupation_edits"}) {
    EXPECT_NE(committed.find(std::string("### `") + kind + "`"), std::string::npos) << kind;
  }
}

TEST(KindsTest, UnknownKindListsTheKnownOnes) {
  auto r = FindKind("nope");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("organizations"), std::string::npos);
}

}  // namespace
}  // namespace pl::ingest
