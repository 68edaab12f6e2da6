// The demo data set: the synthetic statewide data generated and imported in
// one step, from `pathlight demo` on a terminal or `pathlight serve --demo`
// as a background job.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "store/store.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::cli {

// Generates a synthetic data set at `scale` with `seed` into `out`, reading
// the generator's reference input from `db`.
Result<synthetic::Summary> GenerateInto(store::Database& db, const std::string& scale, std::uint64_t seed,
                                        const std::string& out, Progress& progress);

// "Generated into OUT: N organizations, ... in S s"
std::string SummaryLine(const synthetic::Summary& summary, const std::string& out);

// Generates into var/demo/<scale>-<seed> and imports organizations, students,
// student-years, then the synthetic labor-market files (labor_demand,
// program_awards, living_wage); `say` gets one line per finished step. A rejected row is
// an error: the generator must only write valid rows.
// When the database has no user, adds the administrator admin@pathlight.local
// with a random password and passes `say` the one line that shows it (the
// only time it is shown: print it on the terminal, never log it). There is
// never a default password. Does nothing when any user exists.
Status EnsureDemoAdministrator(store::Database& db, const std::function<void(const std::string&)>& say);

Status LoadDemo(store::Database& db, const std::string& scale, std::uint64_t seed, Progress& progress,
                const std::function<void(const std::string&)>& say);

}  // namespace pl::cli
