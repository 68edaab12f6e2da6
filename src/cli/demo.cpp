#include "cli/demo.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "accounts/accounts.hpp"
#include "cli/database_setup.hpp"
#include "ingest/importer.hpp"
#include "store/query.hpp"

namespace pl::cli {

Result<synthetic::Summary> GenerateInto(store::Database& db, const std::string& scale_name, std::uint64_t seed,
                                        const std::string& out, Progress& progress) {
  PL_ASSIGN_OR_RETURN(synthetic::Scale scale, synthetic::ParseScale(scale_name));
  PL_ASSIGN_OR_RETURN(auto input, SyntheticReferenceInput(db));
  return synthetic::Generate(input, {.scale = scale, .seed = seed, .out_dir = out}, progress);
}

std::string SummaryLine(const synthetic::Summary& s, const std::string& out) {
  return fmt::format(
      "Generated into {}: {} organizations, {} students, {} student-years, {} labor-demand rows, {} program-award "
      "rows, {} living wages ({:.1f} MB) in {:.1f} s",
      out, s.organizations, s.students, s.student_years, s.labor_demand, s.program_awards, s.living_wage,
      static_cast<double>(s.bytes_written) / 1e6, s.seconds);
}

Status EnsureDemoAdministrator(store::Database& db, const std::function<void(const std::string&)>& say) {
  static constexpr const char* kEmail = "admin@pathlight.local";
  PL_ASSIGN_OR_RETURN(long long users, store::QueryInteger(db, "SELECT count(*) FROM app_user"));
  if (users > 0) return Status();
  PL_ASSIGN_OR_RETURN(auto added, accounts::AddUser(db, {.email = kEmail,
                                                         .display_name = "Administrator",
                                                         .role = privacy::Role::kAdministrator}));
  say(fmt::format("Administrator: {}  password: {} (shown once; `pathlight user reset --email {}` makes a new one)",
                  kEmail, added.generated_password, kEmail));
  return Status();
}

Status LoadDemo(store::Database& db, const std::string& scale, std::uint64_t seed, Progress& progress,
                const std::function<void(const std::string&)>& say) {
  std::string out = fmt::format("var/demo/{}-{}", scale, seed);
  PL_ASSIGN_OR_RETURN(auto s, GenerateInto(db, scale, seed, out, progress));
  say(SummaryLine(s, out));
  ingest::Importer importer(db);
  // The labor-market files refer to the organizations (awards) and come
  // after the student data, so a demo shows students first.
  for (const char* kind_name :
       {"organizations", "students", "student_years", "labor_demand", "program_awards", "living_wage"}) {
    PL_ASSIGN_OR_RETURN(const ingest::KindSpec* kind, ingest::FindKind(kind_name));
    std::string file = (std::filesystem::path(out) / (std::string(kind_name) + ".csv")).string();
    PL_ASSIGN_OR_RETURN(auto report, importer.ImportFile(*kind, file, {.actor = "demo", .progress = &progress}));
    if (report.rows_rejected > 0) {
      return Internal(fmt::format("the synthetic {} file had {} rejected rows: see {}", kind_name,
                                  report.rows_rejected, report.rejects_file));
    }
    say(fmt::format("Imported {}: {} rows stored, {} rejected in {:.1f} s", kind_name, report.rows_stored,
                    report.rows_rejected, report.seconds));
  }
  return Status();
}

}  // namespace pl::cli
