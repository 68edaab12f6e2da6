// The `pathlight` binary as a user runs it: exit statuses, --json output,
// messages, demo, and serve with a graceful stop.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/loopback_client.hpp"
#include "support/run_pathlight.hpp"

extern char** environ;

namespace pl::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

using Outcome = pl::testing::CliOutcome;
using pl::testing::ReadAll;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pathlight-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "p.db").string();
    // Commands run in the scratch folder (their var/ goes there) and find the
    // shipped reference data through the environment.
    ::setenv("PATHLIGHT_DATA_DIR", (std::string(PL_SOURCE_DIR) + "/data").c_str(), 1);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs pathlight with `args` in the scratch folder, capturing stdout and
  // stderr into files; `input` is its standard input.
  Outcome Pathlight(const std::vector<std::string>& args, const std::string& input = "") {
    return pl::testing::RunPathlight(dir_, args, input);
  }

  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
    return (dir_ / name).string();
  }

  // `pathlight serve ARGS` in the background on a free port, read from its
  // start-up line (port 0 when it did not start: see `log`).
  struct ServeProcess {
    pid_t pid = 0;
    int port = 0;
    fs::path log;
    // SIGTERM, then the exit status (-1 when it did not exit normally).
    int Stop() {
      if (pid == 0 || ::kill(pid, SIGTERM) != 0) return -1;
      int status = 0;
      if (::waitpid(pid, &status, 0) != pid) return -1;
      pid = 0;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    // Never leave a server behind when an assertion fails.
    ~ServeProcess() {
      if (pid != 0 && ::kill(pid, 0) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
  };
  ServeProcess StartServe(const std::vector<std::string>& serve_args) {
    ServeProcess serve;
    serve.log = dir_ / "serve.log";
    std::string binary = std::string(PL_BINARY_DIR) + "/pathlight";
    std::vector<std::string> args = {binary, "serve"};
    args.insert(args.end(), serve_args.begin(), serve_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, serve.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, dir_.c_str());
    int spawned = posix_spawn(&serve.pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      serve.pid = 0;
      return serve;
    }
    std::regex serving("serving http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 300 && serve.port == 0; ++i) {
      if (::waitpid(serve.pid, nullptr, WNOHANG) == serve.pid) {  // it exited: see the log
        serve.pid = 0;
        break;
      }
      std::smatch m;
      std::string text = ReadAll(serve.log);
      if (std::regex_search(text, m, serving)) serve.port = std::stoi(m[1]);
      else ::usleep(50 * 1000);
    }
    return serve;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliTest, HelpListsEverySubcommandWithExamples) {
  Outcome r = Pathlight({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"import", "generate", "demo", "serve", "migrate", "data-dictionary", "user", "Examples:"}) {
    EXPECT_THAT(r.out, HasSubstr(sub));
  }
  EXPECT_EQ(Pathlight({}).exit_code, 2) << "no subcommand is a usage error";
  EXPECT_EQ(Pathlight({"frobnicate"}).exit_code, 2);
}

TEST_F(CliTest, ImportJsonIsExactlyOneObject) {
  std::string file = Write("s.csv", "student_key,gender\nS1,F\nS2,Q\n");
  Outcome r = Pathlight({"import", "students", file, "--db", db_, "--json", "--rejects", (dir_ / "rej.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);  // throws (fails) on anything but one JSON value
  ASSERT_TRUE(json.is_object());
  for (const char* key : {"kind", "file", "batch_id", "rows_read", "rows_stored", "rows_rejected", "rejects_file", "seconds"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["rows_read"], 2);
  EXPECT_EQ(json["rows_stored"], 1);
  EXPECT_EQ(json["rows_rejected"], 1);
  EXPECT_EQ(json["rejects_file"], (dir_ / "rej.csv").string());
  EXPECT_THAT(ReadAll(dir_ / "rej.csv"), HasSubstr("3,gender,Q,"));
}

TEST_F(CliTest, HumanReportNamesTheCounts) {
  Outcome r = Pathlight({"import", "students", Write("s.csv", "student_key\nS1\n"), "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("rows read"));
  EXPECT_THAT(r.out, HasSubstr("rows stored"));
  EXPECT_THAT(r.out, HasSubstr("rows rejected"));
}

TEST_F(CliTest, RefusedFilesExitWithTwoAndSayWhy) {
  Outcome missing = Pathlight({"import", "student_years", Write("y.csv", "student_key\nS1\n"), "--db", db_, "--json"});
  EXPECT_EQ(missing.exit_code, 2);
  auto error = nlohmann::json::parse(missing.out);
  EXPECT_EQ(error["error"]["code"], "invalid_argument");
  EXPECT_THAT(error["error"]["message"].get<std::string>(), HasSubstr("missing required column(s)"));

  Outcome unknown_kind = Pathlight({"import", "pupils", Write("p.csv", "a\n1\n"), "--db", db_});
  EXPECT_EQ(unknown_kind.exit_code, 2);
  EXPECT_THAT(unknown_kind.err, HasSubstr("unknown kind"));

  Outcome no_file = Pathlight({"import", "students", (dir_ / "nope.csv").string(), "--db", db_});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_THAT(no_file.err, HasSubstr("nope.csv"));

  Outcome bad_url = Pathlight({"import", "students", Write("s.csv", "student_key\nS1\n"), "--db", "mysql://x"});
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_THAT(bad_url.err, HasSubstr("sqlite:PATH or postgresql://"));
}

TEST_F(CliTest, UnreachableDatabaseIsAnInternalError) {
  Outcome r = Pathlight({"migrate", "--db", "postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open database"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr(":pw@")));
}

TEST_F(CliTest, GenerateWritesTheTemplatesAndRejectsUnknownScales) {
  Outcome r = Pathlight({"generate", "--scale", "small", "--seed", "3", "--out", (dir_ / "gen").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"organizations.csv", "students.csv", "student_years.csv", "labor_demand.csv",
                        "program_awards.csv", "living_wage.csv"}) {
    EXPECT_TRUE(fs::exists(dir_ / "gen" / f)) << f;
  }
  EXPECT_THAT(ReadAll(dir_ / "gen" / "student_years.csv"), HasSubstr("student_key,school_year,org_id,grade_level"));
  // The labor-market files come from the reference data the command loads.
  EXPECT_THAT(ReadAll(dir_ / "gen" / "labor_demand.csv"), HasSubstr("region,BA,29-1141,2024,2034,"));
  EXPECT_THAT(ReadAll(dir_ / "gen" / "living_wage.csv"), HasSubstr("06019,1a0c,"));
  EXPECT_THAT(r.out, HasSubstr("labor-demand rows"));
  Outcome bad = Pathlight({"generate", "--scale", "huge", "--out", (dir_ / "gen2").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("small"));
}

TEST_F(CliTest, DemoImportsOnceAndServeStopsGracefully) {
  Outcome demo = Pathlight({"demo", "--scale", "small", "--db", db_});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_THAT(demo.out, HasSubstr("Imported student_years"));
  for (const char* kind : {"labor_demand", "program_awards", "living_wage"}) {
    EXPECT_THAT(demo.out, HasSubstr(std::string("Imported ") + kind)) << kind;
  }
  // The first run makes an administrator with a random password, shown once.
  std::smatch admin;
  ASSERT_TRUE(std::regex_search(demo.out, admin,
                                std::regex("Administrator: admin@pathlight\\.local  password: ([A-Za-z0-9]{20}) "
                                           "\\(shown once; `pathlight user reset --email admin@pathlight\\.local`")))
      << demo.out;
  EXPECT_THAT(demo.err, Not(HasSubstr(admin[1].str())));
  Outcome again = Pathlight({"demo", "--scale", "small", "--db", db_});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("nothing to do"));
  EXPECT_THAT(again.out, Not(HasSubstr("Administrator"))) << "only when the database has no user";

  ServeProcess serve = StartServe({"--port", "0", "--db", db_});
  ASSERT_NE(serve.port, 0) << ReadAll(serve.log);
  const int port = serve.port;
  auto health = http::test::Fetch(static_cast<std::uint16_t>(port), "GET", "/api/v1/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json()["status"], "ok");
  auto overview = http::test::Fetch(static_cast<std::uint16_t>(port), "GET", "/api/v1/stats/overview");
  EXPECT_EQ(overview.Json()["years"].size(), 10u) << "ten school years of demo data";
  EXPECT_EQ(serve.Stop(), 0) << "serve did not stop cleanly on SIGTERM";
  std::string text = ReadAll(serve.log);
  EXPECT_THAT(text, HasSubstr("GET /api/v1/health 200"));
  EXPECT_THAT(text, HasSubstr("Pathlight stopped"));
}

// The job is polled until it ends; the demo data then answers like any other.
TEST_F(CliTest, ServeRefusesBadSettingsBeforeServingNamingTheOption) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--port", "70000"}, "--port must be from 0 to 65535, got 70000"},
      {{"--min-n", "0"}, "--min-n must be at least 1"},
      {{"--max-upload-mb", "0"}, "--max-upload-mb must be at least 1"},
      {{"--answer-cache-mb", "-1"}, "--answer-cache-mb must be 0 or more"},
      {{"--demo", "huge"}, "huge"},
  };
  for (const auto& [flags, message] : cases) {
    std::vector<std::string> args = {"serve", "--db", db_};
    args.insert(args.end(), flags.begin(), flags.end());
    Outcome r = Pathlight(args);
    EXPECT_EQ(r.exit_code, 2) << flags[0];
    EXPECT_THAT(r.err, HasSubstr(message)) << flags[0];
  }
}

TEST_F(CliTest, ServeDemoLoadsInTheBackgroundAsAJob) {
  ServeProcess serve = StartServe({"--port", "0", "--db", db_, "--demo", "small"});
  ASSERT_NE(serve.port, 0) << ReadAll(serve.log);
  const auto port = static_cast<std::uint16_t>(serve.port);
  nlohmann::json job;
  for (int i = 0; i < 1200; ++i) {  // up to 60 s: small is ~1 s of work
    // The demo job, next to the analytics snapshot's jobs.
    auto jobs = http::test::Fetch(port, "GET", "/api/v1/jobs").Json()["jobs"];
    auto demo = std::find_if(jobs.begin(), jobs.end(), [](const nlohmann::json& j) { return j["kind"] == "demo"; });
    ASSERT_NE(demo, jobs.end()) << jobs.dump();
    ASSERT_EQ(std::count_if(jobs.begin(), jobs.end(), [](const nlohmann::json& j) { return j["kind"] == "demo"; }), 1)
        << jobs.dump();
    job = *demo;
    if (job["state"] != "running") break;
    ::usleep(50 * 1000);
  }
  EXPECT_EQ(job["kind"], "demo");
  ASSERT_EQ(job["state"], "succeeded") << job.dump() << ReadAll(serve.log);
  EXPECT_EQ(job["fraction"], 1.0);
  auto overview = http::test::Fetch(port, "GET", "/api/v1/stats/overview");
  EXPECT_EQ(overview.Json()["years"].size(), 10u);
  EXPECT_EQ(serve.Stop(), 0);
  // The administrator was made, and its password stayed out of the log.
  EXPECT_THAT(ReadAll(serve.log), Not(HasSubstr("password")));
  Outcome users = Pathlight({"user", "list", "--json", "--db", db_});
  ASSERT_EQ(users.exit_code, 0) << users.err;
  auto listed = nlohmann::json::parse(users.out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["email"], "admin@pathlight.local");
  EXPECT_EQ(listed[0]["role"], "administrator");

  // A database with data gets no second demo.
  ServeProcess again = StartServe({"--port", "0", "--db", db_, "--demo", "small"});
  ASSERT_NE(again.port, 0) << ReadAll(again.log);
  auto jobs = http::test::Fetch(static_cast<std::uint16_t>(again.port), "GET", "/api/v1/jobs").Json()["jobs"];
  EXPECT_EQ(std::count_if(jobs.begin(), jobs.end(), [](const nlohmann::json& j) { return j["kind"] == "demo"; }), 0)
      << jobs.dump();
  EXPECT_EQ(again.Stop(), 0);
  EXPECT_THAT(ReadAll(again.log), HasSubstr("already holds"));
}

// Stopping the server mid-demo cancels the job; its transaction is undone.
TEST_F(CliTest, ServeStoppedDuringTheDemoLeavesNoHalfImport) {
  ServeProcess serve = StartServe({"--port", "0", "--db", db_, "--demo", "medium"});
  ASSERT_NE(serve.port, 0) << ReadAll(serve.log);
  const auto port = static_cast<std::uint16_t>(serve.port);
  // Stop once the import of student-years is under way (or, on a very fast
  // machine, whatever it is doing after 20 s).
  for (int i = 0; i < 400; ++i) {
    auto jobs = http::test::Fetch(port, "GET", "/api/v1/jobs").Json()["jobs"];
    if (!jobs.empty() && jobs[0]["phase"] == "importing student_years" && jobs[0]["done"].get<long long>() > 0) break;
    ::usleep(50 * 1000);
  }
  EXPECT_EQ(serve.Stop(), 0);
  std::string log = ReadAll(serve.log);
  EXPECT_THAT(log, HasSubstr("Pathlight stopped"));
  if (log.find("Imported student_years") == std::string::npos) {
    EXPECT_THAT(log, HasSubstr("cancelled"));
    // The same binary reports what is stored: no student-year survived.
    Outcome demo = Pathlight({"demo", "--scale", "small", "--db", db_});
    EXPECT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_THAT(demo.out, HasSubstr("Imported student_years")) << "the database had no student-years left";
  }
}

// Accounts from the command line: add (generated or piped password), list,
// disable, enable and reset, on a scratch SQLite database.
TEST_F(CliTest, UserCommandsRoundTrip) {
  Outcome admin = Pathlight({"user", "add", "--email", " Ana@Example.org", "--role", "administrator", "--db", db_});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_THAT(admin.out, HasSubstr("Added user 1: ana@example.org (administrator)"));
  std::smatch password;
  ASSERT_TRUE(std::regex_search(admin.out, password, std::regex("Password: ([A-Za-z0-9]{20})  \\(shown once")))
      << admin.out;

  Outcome piped = Pathlight({"user", "add", "--email", "bo@example.org", "--role", "regional_analyst", "--scope",
                             "ccc/ba", "--name", "Bo Park", "--password-stdin", "--db", db_},
                            "a good long passphrase\n");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_THAT(piped.out, HasSubstr("scopes ccc/ba"));
  EXPECT_THAT(piped.out, Not(HasSubstr("Password:"))) << "a piped password is not printed";

  Outcome table = Pathlight({"user", "list", "--db", db_});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* column : {"ID", "E-MAIL", "NAME", "ROLE", "SCOPES", "ACTIVE", "LAST SIGN-IN", "Bo Park",
                             "regional_analyst", "ccc/ba", "never"}) {
    EXPECT_THAT(table.out, HasSubstr(column));
  }
  EXPECT_THAT(table.out, Not(HasSubstr("$argon2id$")));

  ASSERT_EQ(Pathlight({"user", "disable", "--email", "bo@example.org", "--db", db_}).exit_code, 0);
  auto listed = nlohmann::json::parse(Pathlight({"user", "list", "--json", "--db", db_}).out);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1]["email"], "bo@example.org");
  EXPECT_EQ(listed[1]["active"], false);
  EXPECT_EQ(listed[1]["scopes"], nlohmann::json::array({"ccc/ba"}));
  ASSERT_EQ(Pathlight({"user", "enable", "--email", "bo@example.org", "--db", db_}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Pathlight({"user", "list", "--json", "--db", db_}).out)[1]["active"], true);

  Outcome reset = Pathlight({"user", "reset", "--email", "ana@example.org", "--db", db_});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  std::smatch fresh;
  ASSERT_TRUE(std::regex_search(reset.out, fresh, std::regex("New password for ana@example.org: ([A-Za-z0-9]{20})")))
      << reset.out;
  EXPECT_NE(fresh[1].str(), password[1].str());
}

TEST_F(CliTest, UserCommandsRefuseBadInputNamingTheOption) {
  ASSERT_EQ(Pathlight({"user", "add", "--email", "ana@example.org", "--role", "member", "--db", db_}).exit_code, 0);
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {{"add", "--email", "x@example.org", "--role", "boss"}, "error: --role: role must be one of member"},
           {{"add", "--email", "not-an-email", "--role", "member"}, "error: --email: email must contain exactly one @"},
           {{"add", "--email", "x@example.org", "--role", "institution_analyst"},
            "error: --scope: scope is required for role institution_analyst"},
           {{"add", "--email", "x@example.org", "--role", "employer", "--scope", "no-such-org"},
            "error: --scope: scope names an unknown organization id: no-such-org"},
           {{"add", "--email", "ANA@example.org", "--role", "member"},
            "error: --email: a user already has the e-mail ana@example.org"},
           {{"add", "--email", "x@example.org", "--role", "member", "--password-stdin"}, "error: --password-stdin:"},
           {{"disable", "--email", "nobody@example.org"}, "error: --email: no user has the e-mail nobody@example.org"},
           {{"reset", "--email", "nobody@example.org"}, "error: --email: no user has the e-mail"},
           {{"add", "--role", "member"}, "--email is required"},
       }) {
    std::vector<std::string> args = {"user"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--db", db_});
    Outcome r = Pathlight(args, "short\n");
    EXPECT_EQ(r.exit_code, 2) << c.says << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says));
  }
  auto listed = nlohmann::json::parse(Pathlight({"user", "list", "--json", "--db", db_}).out);
  EXPECT_EQ(listed.size(), 1u) << "nothing refused was stored";
}

// The analyst's path on the command line: a snapshot file, a query on it,
// and di_iterate on the store's population, the same from the file and from
// the database; refusals exit 2 naming what is wrong.
TEST_F(CliTest, SnapshotQueryAndEquityIterateOnTheStore) {
  ASSERT_EQ(Pathlight({"demo", "--scale", "small", "--db", db_}).exit_code, 0);
  Outcome built = Pathlight({"snapshot", "build", "--db", db_, "--out", "s.plsnap"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_THAT(built.out, HasSubstr("rows"));
  std::string spec = Write("q.json", R"({"filters": [{"dim": "school_year", "min": 2024, "max": 2024}],
      "group_by": ["region"], "measures": [{"op": "count"}, {"op": "rate", "outcome": "completer"}]})");
  Outcome query = Pathlight({"query", "--snapshot", "s.plsnap", "--spec", spec});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  auto table = nlohmann::json::parse(query.out);
  EXPECT_GE(table["rows"].size(), 5u);
  EXPECT_EQ(table["columns"][0]["name"], "region");

  std::string population = Write("p.json", R"({"filters": [{"dim": "school_year", "min": 2022, "max": 2025}]})");
  std::vector<std::string> iterate = {"equity", "iterate", "--query", population, "--out", "-", "--success",
                                      "completer,credential", "--group", "race_ethnicity,gender",
                                      "--cohort", "school_year", "--scenario-by", "region"};
  auto with = [&](std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  Outcome from_file = Pathlight(with(iterate, {"--snapshot", "s.plsnap"}));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out.rfind("region,success_variable,cohort_variable,cohort,disaggregation,group,n,success,pct,", 0),
            0u)
      << from_file.out.substr(0, 200);
  EXPECT_THAT(from_file.out, HasSubstr("- All,completer,school_year,2021-22,- None,- All,"));
  Outcome from_db = Pathlight(with(iterate, {"--db", db_}));
  ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, from_file.out);

  for (const auto& [args, says] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"equity", "iterate", "--out", "-", "--success", "completer", "--group", "gender"}, "--input FILE is required"},
           {with(iterate, {"--snapshot", "s.plsnap", "--db", db_}), "exactly one of --snapshot FILE or --db URL"},
           {with(iterate, {"--snapshot", "missing.plsnap"}), "missing.plsnap"},
           {{"equity", "iterate", "--query", spec, "--snapshot", "s.plsnap", "--out", "-", "--success", "completer",
             "--group", "gender"},
            "\"filters\" only"},
           {{"equity", "iterate", "--query", population, "--snapshot", "s.plsnap", "--out", "-", "--success",
             "graduated", "--group", "gender"},
            "unknown outcome \"graduated\""},
           {{"query", "--snapshot", "s.plsnap", "--spec", Write("bad.json", R"({"group_by": ["sectr"]})")},
            "unknown dimension \"sectr\""},
       }) {
    Outcome r = Pathlight(args);
    EXPECT_NE(r.exit_code, 0) << says;
    EXPECT_THAT(r.err, HasSubstr(says));
  }
}

}  // namespace
}  // namespace pl::cli
