// One CSV field as every writer emits it, read back by the project's own
// reader's rules (RFC 4180).
#include <gtest/gtest.h>

#include "core/csv_field.hpp"

namespace pl {
namespace {

std::string Field(std::string_view v, bool force = false) {
  std::string out = "x,";  // appends, never replaces
  AppendCsvField(out, v, force);
  return out;
}

TEST(CsvField, PlainTextIsWrittenAsIs) {
  EXPECT_EQ(Field("Hispanic or Latino"), "x,Hispanic or Latino");
  EXPECT_EQ(Field(""), "x,");
}

TEST(CsvField, SeparatorsQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(Field("a,b"), "x,\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "x,\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("two\nlines"), "x,\"two\nlines\"");
  EXPECT_EQ(Field("cr\rhere"), "x,\"cr\rhere\"");
}

TEST(CsvField, ForcedQuotesKeepAMarkerLikeTextApart) {
  EXPECT_EQ(Field("NA", true), "x,\"NA\"");
  EXPECT_EQ(Field("NA"), "x,NA");
}

}  // namespace
}  // namespace pl
