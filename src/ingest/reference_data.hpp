// The reference code sets shipped in data/ (see data/PROVENANCE.md), loaded
// through the importer like any other data. Each file is versioned by its
// SHA-256: a file whose checksum differs from the one recorded in
// reference_version is re-imported (upsert) on the next start.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "ingest/importer.hpp"

namespace pl::store {
class Database;
}

namespace pl::ingest {

struct ReferenceFile {
  std::string code_set;                     // name in reference_version
  std::string file;                         // under the data folder
  std::string kind;                         // KindSpec name
  std::vector<std::string> ignore_columns;  // columns of the shipped file not stored
  std::map<std::string, std::string> constants;
};

// The shipped files, in load order (referenced sets first).
const std::vector<ReferenceFile>& ReferenceFiles();

// The scheme of the community colleges' economic regions, loaded from
// ca_counties.csv; the default grouping for `region` filters.
inline constexpr const char* kDefaultRegionScheme = "ccc";

struct ReferenceLoad {
  std::string code_set;
  bool loaded = false;  // false: unchanged since the last load, skipped
  ImportReport report;  // when loaded
};

// Loads every reference file of `data_dir` that is new or changed. A missing
// file is FailedPrecondition naming it. Rows a file rejects (the COE
// crosswalk has exact duplicate rows) are reported, not fatal.
Result<std::vector<ReferenceLoad>> LoadReferenceData(store::Database& db, const std::string& data_dir,
                                                     const std::string& rejects_dir, Progress* progress);

}  // namespace pl::ingest
