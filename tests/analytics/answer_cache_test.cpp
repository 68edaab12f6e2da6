// The answer cache: keyed by data version, question and view; least recently
// used answers go first when it is full; answers too large are not kept.
#include "analytics/answer_cache.hpp"

#include <gtest/gtest.h>

namespace pl::analytics {
namespace {

std::shared_ptr<const std::string> Answer(std::size_t bytes, char fill = 'x') {
  return std::make_shared<const std::string>(bytes, fill);
}

privacy::ExactScope Public() { return {}; }
privacy::ExactScope Statewide() { return {.statewide = true}; }
privacy::ExactScope Counties(std::set<std::string> c) { return {.counties = std::move(c)}; }
privacy::ExactScope Organizations(std::set<std::string> o) { return {.organizations = std::move(o)}; }

TEST(AnswerCacheTest, KeysTellEveryViewAndQuestionApart) {
  const std::string spec = R"({"group_by":["region"]})";
  std::set<std::string> keys = {
      AnswerCache::Key("v1", "query", spec, Public()),
      AnswerCache::Key("v1", "query", spec, Statewide()),
      AnswerCache::Key("v1", "query", spec, Counties({"06019"})),
      AnswerCache::Key("v1", "query", spec, Counties({"06019", "06001"})),
      AnswerCache::Key("v1", "query", spec, Organizations({"06019"})),  // an org id spelled like a county
      AnswerCache::Key("v1", "query", spec, Organizations({"DIST-1"})),
      AnswerCache::Key("v2", "query", spec, Public()),
      AnswerCache::Key("v1", "columns", spec, Public()),
      AnswerCache::Key("v1", "query", R"({"group_by":["county"]})", Public()),
  };
  EXPECT_EQ(keys.size(), 9u);
  // The same question and view give the same key.
  EXPECT_EQ(AnswerCache::Key("v1", "query", spec, Counties({"06001", "06019"})),
            AnswerCache::Key("v1", "query", spec, Counties({"06019", "06001"})));
}

TEST(AnswerCacheTest, FindsWhatWasKeptAndCountsHitsAndMisses) {
  AnswerCache cache(1 << 20);
  EXPECT_EQ(cache.Find("a"), nullptr);
  cache.Insert("a", Answer(10, 'a'));
  auto found = cache.Find("a");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, std::string(10, 'a'));
  // Kept again under the same key: the newer answer.
  cache.Insert("a", Answer(20, 'b'));
  EXPECT_EQ(*cache.Find("a"), std::string(20, 'b'));
  AnswerCache::Stats s = cache.stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.bytes, 21u);  // the key and the answer
}

TEST(AnswerCacheTest, TheLeastRecentlyUsedAnswersGoFirst) {
  AnswerCache cache(800);  // answers up to 100 bytes, key included
  for (char k : std::string("abcdefgh")) cache.Insert(std::string(1, k), Answer(99));
  EXPECT_EQ(cache.stats().bytes, 800u);
  ASSERT_NE(cache.Find("a"), nullptr);  // now the most recently used
  cache.Insert("i", Answer(99));        // evicts b, the oldest unused
  EXPECT_NE(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_NE(cache.Find("c"), nullptr);
  EXPECT_NE(cache.Find("i"), nullptr);
  EXPECT_EQ(cache.stats().entries, 8u);
  EXPECT_LE(cache.stats().bytes, 800u);
}

TEST(AnswerCacheTest, AnswersOverAnEighthOfTheCapacityAreNotKept) {
  AnswerCache cache(800);
  EXPECT_FALSE(cache.Keeps("big", std::string(98, 'x')));
  EXPECT_TRUE(cache.Keeps("ok", std::string(98, 'x')));
  cache.Insert("big", Answer(98));  // 101 bytes with its key
  EXPECT_EQ(cache.Find("big"), nullptr);
  cache.Insert("ok", Answer(98));  // 100
  EXPECT_NE(cache.Find("ok"), nullptr);
  AnswerCache off(0);
  off.Insert("a", Answer(1));
  EXPECT_EQ(off.Find("a"), nullptr);
  EXPECT_EQ(off.stats().entries, 0u);
}

}  // namespace
}  // namespace pl::analytics
