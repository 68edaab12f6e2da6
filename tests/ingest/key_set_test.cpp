#include "ingest/key_set.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace pl::ingest {
namespace {

TEST(KeySetTest, ReportsTheFirstLineOfADuplicate) {
  KeySet keys;
  EXPECT_EQ(keys.Insert("S1", 2), 0u);
  EXPECT_EQ(keys.Insert("S2", 3), 0u);
  EXPECT_EQ(keys.Insert("S1", 9), 2u);
  EXPECT_EQ(keys.Insert("S1", 10), 2u);
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_TRUE(keys.Contains("S2"));
  EXPECT_FALSE(keys.Contains("S3"));
  EXPECT_FALSE(keys.Contains(""));
  EXPECT_EQ(keys.Insert("", 11), 0u);
  EXPECT_TRUE(keys.Contains(""));
}

TEST(KeySetTest, CompositeKeysDoNotCollideAcrossParts) {
  std::string a, b;
  AppendKeyPart(&a, "S1");
  AppendKeyPart(&a, "2024");
  AppendKeyPart(&b, "S12");
  AppendKeyPart(&b, "024");
  KeySet keys;
  EXPECT_EQ(keys.Insert(a, 1), 0u);
  EXPECT_EQ(keys.Insert(b, 2), 0u);
}

TEST(KeySetTest, AgreesWithStdSetOnManyKeys) {
  // Exactness matters: a false "exists" would store a dangling reference.
  std::mt19937_64 rng(42);
  KeySet keys;
  std::set<std::string> reference;
  for (int i = 0; i < 300000; ++i) {
    std::string key = "S" + std::to_string(rng() % 200000);
    bool is_new = reference.insert(key).second;
    EXPECT_EQ(keys.Insert(key, static_cast<std::uint64_t>(i) + 1) == 0, is_new);
  }
  EXPECT_EQ(keys.size(), reference.size());
  for (int i = 0; i < 1000; ++i) {
    std::string key = "S" + std::to_string(200000 + i);
    EXPECT_FALSE(keys.Contains(key));
  }
}

}  // namespace
}  // namespace pl::ingest
