#include "store/store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/query.hpp"

namespace pl::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatabaseUrlTest, SqlitePaths) {
  auto url = ParseDatabaseUrl("sqlite:var/pathlight.db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->backend, Backend::kSqlite);
  EXPECT_EQ(url->target, "var/pathlight.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:///tmp/x.db")->target, "/tmp/x.db");
  EXPECT_EQ(ParseDatabaseUrl(kDefaultDatabaseUrl)->target, "var/pathlight.db");
  EXPECT_FALSE(ParseDatabaseUrl("sqlite:").ok());
}

TEST(DatabaseUrlTest, PostgresUrisBecomeKeywordConninfoWithoutLeakingPasswords) {
  auto url = ParseDatabaseUrl("postgresql://pathlight:s%40cr%27t@db.example:5433/cte?sslmode=require");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->backend, Backend::kPostgres);
  EXPECT_EQ(url->target,
            "user='pathlight' password='s@cr\\'t' host='db.example' port='5433' dbname='cte' sslmode='require'");
  EXPECT_EQ(url->redacted, "postgresql://pathlight:***@db.example:5433/cte?sslmode=require");
  EXPECT_THAT(url->redacted, Not(HasSubstr("s%40")));
  EXPECT_EQ(ParseDatabaseUrl("postgres://localhost/db")->target, "host='localhost' dbname='db'");
  EXPECT_FALSE(ParseDatabaseUrl("postgresql://h:port/db").ok());
}

TEST(DatabaseUrlTest, OtherSchemesAreRefusedWithTheAcceptedForms) {
  auto url = ParseDatabaseUrl("mysql://root:hunter2@localhost/db");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(url.status().message(), HasSubstr("sqlite:PATH or postgresql://"));
  EXPECT_THAT(url.status().message(), Not(HasSubstr("hunter2")));
}

TEST(MigrationSqlTest, SqliteOnlyTextIsUncommentedForSqliteAlone) {
  const std::string sql = "CREATE TABLE a (k TEXT PRIMARY KEY) /*sqlite: WITHOUT ROWID*/;\n"
                          "/* a plain comment */ CREATE TABLE b (k TEXT) /*sqlite: STRICT*/;";
  EXPECT_EQ(MigrationSql(sql, Backend::kPostgres), sql);
  EXPECT_EQ(MigrationSql(sql, Backend::kSqlite),
            "CREATE TABLE a (k TEXT PRIMARY KEY)  WITHOUT ROWID;\n"
            "/* a plain comment */ CREATE TABLE b (k TEXT)  STRICT;");
  EXPECT_EQ(MigrationSql("x /*sqlite: unterminated", Backend::kSqlite), "x /*sqlite: unterminated");
}

TEST(DatabaseTest, UnreachableDatabaseIsUnavailableNotACrash) {
  auto db = Database::Open("sqlite:/proc/no/such/folder/x.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
  auto pg = Database::Open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(pg.status().message(), Not(HasSubstr("secret")));
}

TEST(PageTest, ParsesAndBoundsPaging) {
  auto page = ParsePage(std::nullopt, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->page, 1);
  EXPECT_EQ(page->per_page, 50);
  EXPECT_EQ(ParsePage("3", "20")->offset(), 40);
  for (const char* bad : {"0", "-1", "x", "1.5", ""}) {
    auto r = ParsePage(std::string(bad), std::nullopt);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().details()["parameter"], "page");
  }
  EXPECT_FALSE(ParsePage(std::nullopt, "201").ok());
  EXPECT_EQ(LikePattern("50%_off"), "%50\\%\\_off%");
}

}  // namespace
}  // namespace pl::store
