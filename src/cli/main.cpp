// pathlight: the command line of the Pathlight CTE data platform.
#include <cstdlib>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "store/store.hpp"

#ifndef PL_VERSION
#define PL_VERSION "0.0.0"
#endif

namespace {

std::string EnvOr(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

void AddDatabaseOptions(CLI::App* command, pl::cli::DatabaseOptions* db, bool with_db = true) {
  if (with_db) {
    command->add_option("--db", db->db_url, "Database URL: sqlite:PATH or postgresql://user:pass@host:port/db")
        ->capture_default_str();
  }
  command->add_option("--data-dir", db->data_dir, "Folder of the shipped reference data")->capture_default_str();
}

constexpr const char* kExamples = R"(
Examples:
  pathlight demo                                  create var/pathlight.db with the medium demo data set
  pathlight serve --port 8080                     serve the API and web app on http://127.0.0.1:8080
  pathlight serve --demo small --db sqlite:var/try.db   serve at once, loading a demo data set meanwhile
  pathlight import organizations orgs.csv         import a CSV file (see docs/data-dictionary.md)
  pathlight import student_years sy.csv --json    ... and print the report as one JSON object
  pathlight generate --scale small --seed 7 --out /tmp/synthetic
  pathlight migrate --db postgresql://pathlight:secret@127.0.0.1:5432/pathlight
  pathlight data-dictionary > docs/data-dictionary.md
  pathlight equity iterate --input sy.csv --out di.csv --success completer --group race_ethnicity,gender --cohort school_year
  pathlight snapshot build --out var/snapshot.plsnap     columnar snapshot of the student-year data
  pathlight query --snapshot var/snapshot.plsnap --spec q.json --format csv
  pathlight user add --email ana@example.org --role administrator    prints a new password once
  pathlight user add --email bo@example.org --role institution_analyst --scope 06-61259 --password-stdin < pw.txt
  pathlight user add --email cy@example.org --role regional_analyst --scope ccc/ba --name "Cy Park"
  pathlight user list --json
  pathlight user disable --email bo@example.org   ... and `user enable`, `user reset` (new password, shown once)
  pathlight labor gap --region BA --sector HSM    supply vs demand per occupation (docs/labor-method.md)
  pathlight labor gap --county 06019,06039 --program TOP:1230.20 --format csv --out gap.csv

Environment: PATHLIGHT_DB (database URL), PATHLIGHT_DATA_DIR (reference data folder).
Exit status: 0 done, 1 internal error, 2 refused input.
)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Pathlight: statewide career technical education data, equity and partnerships."};
  app.footer(kExamples);
  app.set_version_flag("--version", PL_VERSION);
  app.require_subcommand(1);

  pl::cli::DatabaseOptions db{EnvOr("PATHLIGHT_DB", std::string(pl::store::kDefaultDatabaseUrl)),
                              EnvOr("PATHLIGHT_DATA_DIR", "data")};
  int exit_code = pl::cli::kExitOk;

  pl::cli::ImportArgs import_args;
  auto* import = app.add_subcommand("import", "Import a CSV file of one kind (organizations, students, student_years, labor_demand, program_awards, living_wage, ...)");
  import->add_option("kind", import_args.kind, "Kind of data (see docs/data-dictionary.md)")->required();
  import->add_option("file", import_args.file, "CSV file, or - for standard input")->required();
  import->add_option("--rejects", import_args.rejects, "Where to write rejected rows (default var/imports/<batch>-<kind>.rejects.csv)");
  import->add_flag("--json", import_args.json, "Print the report as one JSON object");
  AddDatabaseOptions(import, &db);
  import->callback([&] {
    import_args.db = db;
    exit_code = pl::cli::RunImport(import_args);
  });

  pl::cli::GenerateArgs generate_args;
  auto* generate = app.add_subcommand("generate", "Write a synthetic statewide data set as CSV import files");
  generate->add_option("--scale", generate_args.scale, "small (~50k student-years), medium (~1M) or state (~40M)")
      ->capture_default_str();
  generate->add_option("--seed", generate_args.seed, "Random seed: the same seed gives the same files")->capture_default_str();
  generate->add_option("--out", generate_args.out, "Output folder")->required();
  AddDatabaseOptions(generate, &db, false);
  generate->callback([&] {
    generate_args.db = db;
    exit_code = pl::cli::RunGenerate(generate_args);
  });

  pl::cli::DemoArgs demo_args;
  auto* demo = app.add_subcommand("demo", "Generate and import the synthetic demo data set (when the database is empty)");
  demo->add_option("--scale", demo_args.scale, "small, medium or state")->capture_default_str();
  demo->add_option("--seed", demo_args.seed, "Random seed")->capture_default_str();
  demo->add_flag("--force", demo_args.force, "Import even when the database already holds data");
  AddDatabaseOptions(demo, &db);
  demo->callback([&] {
    demo_args.db = db;
    exit_code = pl::cli::RunDemo(demo_args);
  });

  pl::cli::ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", "Serve the JSON API and the web application");
  serve->add_option("--host", serve_args.host, "Address to listen on (loopback by default)")->capture_default_str();
  serve->add_option("--port", serve_args.port, "Port (0 picks a free one)")->capture_default_str();
  serve->add_option("--threads", serve_args.threads, "Worker threads (default: one per core)");
  serve->add_option("--static-dir", serve_args.static_dir, "Built web application (default web/dist when present)");
  serve->add_option("--min-n", serve_args.min_n, "Smallest count of students published in public aggregates")
      ->capture_default_str();
  serve->add_option("--snapshot-dir", serve_args.snapshot_dir,
                    "Folder of the analytics snapshot files (default: next to the SQLite file, or var/snapshots/<db>)");
  serve->add_option("--max-upload-mb", serve_args.max_upload_mb, "Largest CSV upload (imports over HTTP), in MiB")
      ->capture_default_str();
  serve->add_option("--answer-cache-mb", serve_args.answer_cache_mb,
                    "Memory for analytics answers kept for the next asker of one question and view, MiB (0: none)")
      ->capture_default_str();
  serve->add_flag("--tls-proxy", serve_args.tls_proxy,
                  "Served to browsers over HTTPS by a reverse proxy: Secure cookies and HSTS");
  serve->add_option("--session-idle-minutes", serve_args.session_idle_minutes,
                    "A session ends after this long without a request")
      ->capture_default_str();
  serve->add_option("--session-hours", serve_args.session_hours, "A session ends this long after sign-in")
      ->capture_default_str();
  serve->add_option("--demo", serve_args.demo_scale,
                    "When the database holds no student data, load the demo data set at this scale "
                    "(small, medium) in the background, shown as a job at /api/v1/jobs");
  AddDatabaseOptions(serve, &db);
  serve->callback([&] {
    serve_args.db = db;
    exit_code = pl::cli::RunServe(serve_args);
  });

  pl::cli::UserArgs user_args;
  auto* user = app.add_subcommand("user", "Manage accounts: add, list, disable, enable, reset");
  user->require_subcommand(1);
  AddDatabaseOptions(user, &db);
  auto user_action = [&](const char* name, const char* help) {
    auto* command = user->add_subcommand(name, help);
    AddDatabaseOptions(command, &db);
    command->callback([&, name] {
      user_args.db = db;
      user_args.action = name;
      exit_code = pl::cli::RunUser(user_args);
    });
    return command;
  };
  auto* user_add = user_action("add", "Add a user; without --password-stdin a password is generated and printed once");
  user_add->add_option("--email", user_args.email, "E-mail address (the sign-in name)")->required();
  user_add->add_option("--role", user_args.role,
                       "member, employer, institution_analyst, regional_analyst, state_analyst or administrator")
      ->required();
  user_add->add_option("--scope", user_args.scopes,
                       "Organization id (employer, institution_analyst) or scheme/region_code (regional_analyst); "
                       "repeat or separate with commas")
      ->delimiter(',');
  user_add->add_option("--name", user_args.name, "Display name (default: the part of the e-mail before @)");
  user_add->add_flag("--password-stdin", user_args.password_stdin, "Read the password from the first line of stdin");
  auto* user_list = user_action("list", "List users: id, e-mail, name, role, scopes, active, last sign-in");
  user_list->add_flag("--json", user_args.json, "Print one JSON array");
  for (auto [name, help] : {std::pair{"disable", "Disable a user and revoke its sessions and API tokens"},
                            std::pair{"enable", "Enable a disabled user"},
                            std::pair{"reset", "Set a new random password (printed once) and sign the user out"}}) {
    user_action(name, help)->add_option("--email", user_args.email, "The user's e-mail address")->required();
  }

  // Analytics engine: snapshot files and queries.
  pl::cli::SnapshotArgs snapshot_args;
  auto* snapshot = app.add_subcommand("snapshot", "Build or describe the analytics engine's snapshot file");
  snapshot->require_subcommand(1);
  auto* snapshot_build = snapshot->add_subcommand("build", "Build a snapshot from the database and save it");
  snapshot_build->add_option("--out", snapshot_args.file, "Snapshot file to write")->required();
  snapshot_build->add_option("--region-scheme", snapshot_args.region_scheme, "Region scheme of the region dimension")
      ->capture_default_str();
  AddDatabaseOptions(snapshot_build, &db);
  snapshot_build->callback([&] {
    snapshot_args.db = db;
    exit_code = pl::cli::RunSnapshotBuild(snapshot_args);
  });
  auto* snapshot_info = snapshot->add_subcommand("info", "Print a snapshot file's header (rows, version, dimensions)");
  snapshot_info->add_option("file", snapshot_args.file, "Snapshot file")->required();
  snapshot_info->add_flag("--verify", snapshot_args.verify, "Also check every column's checksum (reads the file)");
  snapshot_info->callback([&] { exit_code = pl::cli::RunSnapshotInfo(snapshot_args); });

  pl::cli::QueryArgs query_args;
  auto* query = app.add_subcommand("query", "Run a query spec (JSON) on a snapshot file or database; exact results");
  query->add_option("--snapshot", query_args.snapshot, "Snapshot file (see `snapshot build`)");
  auto* query_db = query->add_option("--db", db.db_url, "Database URL: build the snapshot from it in memory");
  query->add_option("--spec", query_args.spec, "Query spec file (JSON)")->required();
  query->add_option("--format", query_args.format, "json or csv")->capture_default_str();
  query->add_option("--threads", query_args.threads, "Threads (default: one per core)");
  query->add_option("--repeat", query_args.repeat, "Run N timed times after one warm-up");
  query->add_option("--timings-json", query_args.timings_json, "Write load and run times, peak RSS as JSON");
  query->add_option("--data-dir", db.data_dir, "Folder of the shipped reference data");
  query->callback([&, query_db] {
    query_args.db = db;
    query_args.db_given = query_db->count() > 0;
    exit_code = pl::cli::RunQuery(query_args);
  });

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema and load reference data");
  AddDatabaseOptions(migrate, &db);
  migrate->callback([&] { exit_code = pl::cli::RunMigrate(db); });

  auto* dictionary = app.add_subcommand("data-dictionary", "Print the CSV templates' data dictionary (Markdown)");
  dictionary->callback([&] { exit_code = pl::cli::RunDataDictionary(); });

  // ---- labor: supply vs demand ------------------------------------------
  pl::cli::LaborGapArgs labor_args;
  std::map<std::string, std::string> labor_options;
  auto* labor = app.add_subcommand("labor", "Labor-market alignment: supply (awards) vs demand (openings)");
  labor->require_subcommand(1);
  auto* labor_gap = labor->add_subcommand(
      "gap", "Gap table per occupation for a region, counties or the state (neither: statewide)");
  for (auto [name, help] : {
           std::pair{"region", "Region code of the default scheme (BA, CVML, ...)"},
           std::pair{"county", "County FIPS codes, comma-separated (06019,06039); instead of --region"},
           std::pair{"sector", "Only the occupations of an industry sector's programs (HSM, ...)"},
           std::pair{"pathway", "Only the occupations of a pathway's programs (HSM-04, ...)"},
           std::pair{"program", "Only the occupations of one program: TOP:1230.20 or CIP:51.3901"},
           std::pair{"soc", "Only one occupation (29-2061)"},
           std::pair{"split", "How a program's awards are shared: openings (default), equal, employment, full"},
           std::pair{"education", "Entry education: sub_baccalaureate (default), bachelor_plus, all"},
           std::pair{"demand", "regional (default) or national_scaled (BLS national x the area's share)"},
           std::pair{"household", "Living-wage household type (default 1a0c)"},
           std::pair{"sort", "gap (default), demand, supply or wage; descending"},
           std::pair{"limit", "Show at most N occupations"}}) {
    labor_gap->add_option("--" + std::string(name), labor_options[name], help);
  }
  labor_gap->add_option("--format", labor_args.format, "table, csv or json (the API's body)")->capture_default_str();
  labor_gap->add_option("--out", labor_args.out, "Write to this file instead of standard output");
  AddDatabaseOptions(labor_gap, &db);
  labor_gap->callback([&] {
    labor_args.db = db;
    for (const auto& [name, value] : labor_options) {
      if (labor_gap->count("--" + name) > 0) labor_args.params[name] = value;
    }
    exit_code = pl::cli::RunLaborGap(labor_args);
  });
  // ---- end labor --------------------------------------------------------

  // ---- equity: DisImpact's methods on a CSV file ------------------------
  pl::cli::EquityArgs equity_args;
  auto* equity = app.add_subcommand("equity", "Disproportionate impact (DisImpact-compatible): ppg, prop-index, 80-index, iterate");
  equity->require_subcommand(1);
  for (auto [name, help] : {std::pair{"ppg", "Percentage point gap with margin of error"},
                            std::pair{"prop-index", "Proportionality index"},
                            std::pair{"80-index", "80% index"},
                            std::pair{"iterate", "All three methods for every outcome, group, cohort and scenario"}}) {
    auto* command = equity->add_subcommand(name, help);
    bool iterate = std::string_view(name) == "iterate";
    auto* input = command->add_option("--input", equity_args.input, "CSV file with a header (- for stdin); an empty field is missing");
    CLI::Option* query = nullptr;
    CLI::Option* store_db = nullptr;
    if (iterate) {
      query = command->add_option("--query", equity_args.query,
                                  "Instead of --input: a query spec (JSON) whose filters select the population from the store");
      command->add_option("--snapshot", equity_args.snapshot, "With --query: the snapshot file to read");
      store_db = command->add_option("--db", equity_args.db.db_url, "With --query: build the snapshot from this database");
      command->add_option("--repeat", equity_args.repeat, "With --query: run N timed times after one warm-up");
      command->add_option("--timings-json", equity_args.timings_json, "With --query: write load and run times as JSON");
      command->add_option("--threads", equity_args.threads, "With --query: aggregation threads (default: one per core)");
      input->excludes(query);
      query->excludes(input);
    }
    command->add_option("--out", equity_args.out, "Output CSV file (- for stdout)")->required();
    command->add_option("--success", equity_args.success, "Success columns (0/1, or counts with --weight)")->required()->delimiter(',');
    command->add_option("--group", equity_args.group, "Group columns; a*b is the intersection of a and b")->required()->delimiter(',');
    command->add_option("--cohort", equity_args.cohort, iterate ? "Cohort column, or one per success column" : "Cohort column")->delimiter(',');
    command->add_option("--weight", equity_args.weight, "Weight column (group size when successes are counts)");
    if (iterate) {
      command->add_option("--scenario-by", equity_args.scenario_by, "Scenario columns: each value and - All")->delimiter(',');
      command->add_option("--ppg-reference", equity_args.ppg_reference, "overall, hpg, all but current or a group value; one, or one per group column")->delimiter(',');
      command->add_option("--80-reference", equity_args.reference_80, "hpg, overall, all but current or a group value; one, or one per group column")->delimiter(',');
      command->add_option("--prop-index-cutoff", equity_args.prop_index_cutoff, "Proportionality index cutoff (default 0.8)");
      command->add_option("--80-index-cutoff", equity_args.cutoff_80, "80% index cutoff (default 0.8)");
      command->add_flag("--no-non-disagg", equity_args.no_non_disagg, "Leave out the undisaggregated (- None) rows");
    } else if (std::string_view(name) != "prop-index") {
      command->add_option("--reference", equity_args.reference, "overall, hpg, all but current, a group value, or numbers (one per cohort)");
    }
    if (iterate || std::string_view(name) == "ppg") {
      command->add_option("--min-moe", equity_args.min_moe, "Smallest margin of error")->capture_default_str();
      command->add_flag("--use-prop-in-moe", equity_args.use_prop_in_moe, "Margin of error from the group's rate instead of 0.5");
      command->add_option("--prop-sub-0", equity_args.prop_sub_0, "Rate used in the margin of error for a rate of 0")->capture_default_str();
      command->add_option("--prop-sub-1", equity_args.prop_sub_1, "Rate used in the margin of error for a rate of 1")->capture_default_str();
    }
    if (std::string_view(name) != "ppg") {
      command->add_option("--cutoff", equity_args.cutoff, "Index cutoff (default 0.8)");
    }
    command->add_option("--min-n", equity_args.min_n, "Groups with n below this are never flagged (0 = exactly DisImpact)")->capture_default_str();
    command->callback([&, name, input, query, store_db] {
      equity_args.method = name;
      if (query && query->count() > 0) {
        equity_args.db_given = store_db->count() > 0;
        equity_args.db.data_dir = db.data_dir;
        if (!equity_args.db_given) equity_args.db.db_url = db.db_url;
        exit_code = pl::cli::RunEquityOnStore(equity_args);
      } else if (input->count() == 0) {
        fmt::print(stderr, "error: --input FILE is required{}\n", query ? " (or --query SPEC.json with --snapshot or --db)" : "");
        exit_code = pl::cli::kExitRefused;
      } else {
        exit_code = pl::cli::RunEquity(equity_args);
      }
    });
  }
  // ---- end equity --------------------------------------------------------

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : pl::cli::kExitRefused;
  }
  return exit_code;
}
