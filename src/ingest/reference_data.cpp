#include "ingest/reference_data.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/store.hpp"

namespace pl::ingest {
namespace {

Result<std::string> FileChecksum(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FailedPrecondition("reference file missing: " + path);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    crypto_hash_sha256_update(&state, reinterpret_cast<unsigned char*>(buf), static_cast<size_t>(in.gcount()));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

}  // namespace

const std::vector<ReferenceFile>& ReferenceFiles() {
  static const std::vector<ReferenceFile> kFiles = {
      {"counties", "ca_counties.csv", "counties", {"region_code", "region_name", "region_source"}, {}},
      {"regions", "ca_counties.csv", "regions", {"county_name"}, {{"scheme_code", kDefaultRegionScheme}}},
      {"sectors", "cte_sectors.csv", "sectors", {"pathway_count"}, {}},
      {"pathways", "cte_pathways.csv", "pathways", {}, {}},
      {"occupations", "soc2018.csv", "occupations", {}, {}},
      {"programs", "cip2020.csv", "programs", {"text_change", "cross_references", "examples"}, {}},
      {"top_codes", "top_codes.csv", "top_codes", {}, {}},
      {"top_cip_soc", "top_cip_soc_crosswalk.csv", "top_cip_soc",
       {"top_title", "cip2020_title", "soc2018_title", "cte_flag", "ccc_sector"}, {}},
      {"projections", "bls_projections.csv", "projections", {}, {}},
      {"pathway_programs", "cte_pathway_programs.csv", "pathway_programs", {"pathway_name", "program_title"}, {}},
  };
  return kFiles;
}

Result<std::vector<ReferenceLoad>> LoadReferenceData(store::Database& db, const std::string& data_dir,
                                                     const std::string& rejects_dir, Progress* progress) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  std::vector<ReferenceLoad> loads;
  Importer importer(db);
  for (const auto& ref : ReferenceFiles()) {
    std::string path = (std::filesystem::path(data_dir) / ref.file).string();
    PL_ASSIGN_OR_RETURN(std::string checksum, FileChecksum(path));
    std::string recorded;
    soci::indicator ind = soci::i_null;
    try {
      db.session() << "SELECT checksum FROM reference_version WHERE code_set = :c", soci::use(ref.code_set),
          soci::into(recorded, ind);
    } catch (const std::exception& e) {
      return Internal(std::string("cannot read reference versions: ") + store::DriverMessage(e));
    }
    ReferenceLoad load{.code_set = ref.code_set};
    if (ind == soci::i_ok && recorded == checksum) {
      loads.push_back(std::move(load));
      continue;
    }
    PL_ASSIGN_OR_RETURN(const KindSpec* kind, FindKind(ref.kind));
    ImportOptions options{.rejects_dir = rejects_dir,
                          .actor = "reference-data",
                          .ignore_columns = ref.ignore_columns,
                          .constants = ref.constants,
                          .progress = progress};
    auto report = importer.ImportFile(*kind, path, options);
    if (!report.ok()) {
      return Status(report.status().code(),
                    fmt::format("loading reference data {}: {}", ref.code_set, report.status().message()));
    }
    try {
      auto rows = static_cast<long long>(report->rows_stored);
      std::string now = store::NowIso8601();
      db.session() << "DELETE FROM reference_version WHERE code_set = :c", soci::use(ref.code_set);
      db.session() << "INSERT INTO reference_version (code_set, file_name, checksum, row_count, loaded_at) "
                      "VALUES (:c, :f, :s, :n, :t)",
          soci::use(ref.code_set), soci::use(ref.file), soci::use(checksum), soci::use(rows), soci::use(now);
    } catch (const std::exception& e) {
      return Internal(std::string("cannot record the reference version: ") + store::DriverMessage(e));
    }
    load.loaded = true;
    load.report = std::move(report).value();
    loads.push_back(std::move(load));
  }
  return loads;
}

}  // namespace pl::ingest
