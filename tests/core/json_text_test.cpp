// JSON written as text (core/json_text.hpp) must read back as the value and
// equal what nlohmann::json writes for it: the large answers of the query
// routes are written this way.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace pl {
namespace {

std::string String(std::string_view v) {
  std::string out;
  AppendJsonString(out, v);
  return out;
}
std::string Double(double v) {
  std::string out;
  AppendJsonDouble(out, v);
  return out;
}

TEST(JsonTextTest, StringsAreEscapedAsNlohmannEscapesThem) {
  const std::string strings[] = {"", "Bay Area", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "Área – ñ",
                                 std::string("nul\0in", 6)};
  for (const std::string& v : strings) {
    EXPECT_EQ(String(v), nlohmann::json(v).dump()) << v;
    EXPECT_EQ(nlohmann::json::parse(String(v)), v);
  }
}

TEST(JsonTextTest, InvalidUtf8IsReplacedNotThrown) {
  const std::string bad = "caf\xe9";  // Latin-1, not UTF-8
  std::string out;
  ASSERT_NO_THROW(AppendJsonString(out, bad));
  EXPECT_EQ(nlohmann::json::parse(out), "caf\xef\xbf\xbd");
}

TEST(JsonTextTest, NumbersAsNlohmannWritesThem) {
  for (double v : {0.0, 1.0, -2.5, 0.1, 1.0 / 3.0, 1e21, 123456789.0, 5e-324}) {
    EXPECT_EQ(Double(v), nlohmann::json(v).dump()) << v;
  }
  EXPECT_EQ(Double(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(Double(std::numeric_limits<double>::infinity()), "null");
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-7}, std::numeric_limits<std::int64_t>::max(),
                         std::numeric_limits<std::int64_t>::min()}) {
    std::string out;
    AppendJsonInteger(out, v);
    EXPECT_EQ(out, nlohmann::json(v).dump());
  }
}

TEST(JsonTextTest, IntegerListsAsNlohmannWritesThem) {
  const std::vector<std::optional<std::int64_t>> values = {0,
                                                           -7,
                                                           std::nullopt,
                                                           std::numeric_limits<std::int64_t>::max(),
                                                           std::numeric_limits<std::int64_t>::min(),
                                                           std::nullopt,
                                                           42};
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& v : values) expected.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
  for (std::size_t n = 0; n <= values.size(); ++n) {
    std::string out = "[";
    AppendJsonIntegerList(out, n, [&](std::size_t i) { return values[i]; });
    out += ']';
    nlohmann::json first(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(out, first.dump()) << n;
  }
  // Longer than the writer's chunk of a thousand: the commas between chunks.
  nlohmann::json many = nlohmann::json::array();
  std::string out = "[";
  AppendJsonIntegerList(out, 2500, [&](std::size_t i) -> std::optional<std::int64_t> {
    if (i % 7 == 3) return std::nullopt;
    return static_cast<std::int64_t>(i) * 1001 - 5000;
  });
  out += ']';
  for (std::size_t i = 0; i < 2500; ++i) {
    many.push_back(i % 7 == 3 ? nlohmann::json(nullptr) : nlohmann::json(static_cast<std::int64_t>(i) * 1001 - 5000));
  }
  EXPECT_EQ(out, many.dump());
}

}  // namespace
}  // namespace pl
