#include "ingest/fields.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pl::ingest {
namespace {

using ::testing::HasSubstr;

class FieldsTest : public ::testing::Test {
 protected:
  FieldsTest() : codes_(CodeSets::FixedOnly()) {
    codes_.values["county"] = {"06001", "06019"};
  }
  std::string Parse(const ColumnSpec& c, std::string_view raw) { return ParseField(c, raw, codes_, &cell_); }

  CodeSets codes_;
  Cell cell_;
};

TEST_F(FieldsTest, BlankIsNull) {
  ColumnSpec c{.name = "x", .type = ColumnType::kInteger, .min = 0, .max = 10};
  EXPECT_EQ(Parse(c, ""), "");
  EXPECT_TRUE(cell_.is_null());
}

TEST_F(FieldsTest, Integers) {
  ColumnSpec c{.name = "birth_year", .type = ColumnType::kInteger, .min = 1900, .max = 2030};
  EXPECT_EQ(Parse(c, "2008"), "");
  EXPECT_EQ(cell_.type, Cell::Type::kInteger);
  EXPECT_EQ(cell_.integer, 2008);
  for (const char* bad : {"1899", "2031", "20.5", "2008x", "x", "-", "99999999999999999999", " 2008"}) {
    EXPECT_THAT(Parse(c, bad), HasSubstr("expected a whole number from 1900 to 2030")) << bad;
  }
}

TEST_F(FieldsTest, Decimals) {
  ColumnSpec c{.name = "units", .type = ColumnType::kDecimal, .min = 0, .max = 60};
  EXPECT_EQ(Parse(c, "3.5"), "");
  EXPECT_DOUBLE_EQ(cell_.real, 3.5);
  EXPECT_EQ(Parse(c, "60"), "");
  for (const char* bad : {"-0.1", "60.01", "1e3", "nan", "inf", "3,5", "1.2.3", "."}) {
    EXPECT_THAT(Parse(c, bad), HasSubstr("expected a number from 0 to 60")) << bad;
  }
}

TEST_F(FieldsTest, Booleans) {
  ColumnSpec c{.name = "flag", .type = ColumnType::kBoolean};
  for (const char* yes : {"Y", "y", "yes", "YES", "true", "True", "1"}) {
    EXPECT_EQ(Parse(c, yes), "") << yes;
    EXPECT_EQ(cell_.integer, 1) << yes;
  }
  for (const char* no : {"N", "no", "FALSE", "0"}) {
    EXPECT_EQ(Parse(c, no), "") << no;
    EXPECT_EQ(cell_.integer, 0) << no;
  }
  for (const char* bad : {"2", "ja", "yess", "t"}) EXPECT_THAT(Parse(c, bad), HasSubstr("expected Y or N")) << bad;
}

TEST_F(FieldsTest, SchoolYears) {
  EXPECT_EQ(ParseSchoolYear("2023-24"), 2024);
  EXPECT_EQ(ParseSchoolYear("2023-2024"), 2024);
  EXPECT_EQ(ParseSchoolYear("2024"), 2024);
  EXPECT_EQ(ParseSchoolYear("1999-00"), 2000);
  for (const char* bad : {"2023-25", "2023-2025", "23-24", "2023/24", "1800", "20234", "2023-2", "abcd", ""}) {
    EXPECT_EQ(ParseSchoolYear(bad), 0) << bad;
  }
  ColumnSpec c{.name = "school_year", .type = ColumnType::kSchoolYear};
  EXPECT_EQ(Parse(c, "2016-17"), "");
  EXPECT_EQ(cell_.integer, 2017);
}

TEST_F(FieldsTest, CodesComeFromTheirCodeSet) {
  ColumnSpec gender{.name = "gender", .type = ColumnType::kCode, .code_set = "gender"};
  EXPECT_EQ(Parse(gender, "X"), "");
  EXPECT_EQ(cell_.text, "X");
  EXPECT_EQ(Parse(gender, "x"), "unknown gender code: expected one of F, M, U, X");
  ColumnSpec county{.name = "county_fips", .type = ColumnType::kCode, .code_set = "county"};
  EXPECT_EQ(Parse(county, "06019"), "");
  EXPECT_THAT(Parse(county, "06999"), HasSubstr("unknown county code"));
}

TEST_F(FieldsTest, IdentifiersDigitsAndText) {
  ColumnSpec id{.name = "org_id", .type = ColumnType::kIdentifier, .max_length = 10};
  EXPECT_EQ(Parse(id, "SCH-1.a_b"), "");
  EXPECT_THAT(Parse(id, "has space"), HasSubstr("letters, digits"));
  EXPECT_THAT(Parse(id, "12345678901"), HasSubstr("at most 10"));
  ColumnSpec cds{.name = "cds_code", .type = ColumnType::kDigits, .digits = 14};
  EXPECT_EQ(Parse(cds, "10621661033153"), "");
  EXPECT_EQ(Parse(cds, "1062166103315"), "expected exactly 14 digits");
  EXPECT_EQ(Parse(cds, "1062166103315x"), "expected exactly 14 digits");
  ColumnSpec text{.name = "name", .type = ColumnType::kText, .max_length = 12};
  EXPECT_EQ(Parse(text, "Café, Inc."), "");
  EXPECT_THAT(Parse(text, std::string("a\x01z")), HasSubstr("control character"));
  EXPECT_THAT(Parse(text, "0123456789abc"), HasSubstr("at most 12 bytes"));
}

TEST(TrimTest, RemovesSpacesAndTabsOnly) {
  EXPECT_EQ(Trim("  a b\t"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_TRUE(EqualsIgnoreCase("Student_KEY", "student_key"));
  EXPECT_FALSE(EqualsIgnoreCase("student_key", "student_keys"));
}

}  // namespace
}  // namespace pl::ingest
