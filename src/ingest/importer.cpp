#include "ingest/importer.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <span>

#include <fmt/format.h>
#include <soci/soci.h>

#include "ingest/bulk_writer.hpp"
#include "ingest/code_sets.hpp"
#include "ingest/fields.hpp"
#include "ingest/row_pipeline.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::ingest {
namespace {

// Hashes every byte it passes on, so the checksum costs no second read.
class HashingSource final : public ByteSource {
 public:
  explicit HashingSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {
    crypto_hash_sha256_init(&state_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    auto got = inner_->Read(buf, n);
    if (got.ok() && *got > 0) {
      crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(buf), *got);
    }
    return got;
  }
  std::string HexDigest() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

 private:
  std::unique_ptr<ByteSource> inner_;
  crypto_hash_sha256_state state_;
};

// "20261123T062439123456Z-3f9a2c1b": the start time, then random bits, so
// batch ids sort by start time and never collide.
std::string NewBatchId(const std::string& started_at) {
  unsigned char random[4];
  randombytes_buf(random, sizeof random);
  char hex[9];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  std::string compact;
  for (char c : started_at) {
    if (c != '-' && c != ':' && c != '.') compact += c;
  }
  return compact + "-" + hex;
}

void AppendCsvField(std::string* out, std::string_view value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// Writes rejects as CSV (line, column, value, reason); opened on first use.
class RejectFile {
 public:
  explicit RejectFile(std::string path) : path_(std::move(path)) {}
  ~RejectFile() {
    if (file_) std::fclose(file_);
  }
  Status Write(std::uint64_t line, std::string_view column, std::string_view value, std::string_view reason) {
    if (!file_) PL_RETURN_IF_ERROR(Open());
    std::string row = std::to_string(line) + ",";
    AppendCsvField(&row, column);
    row.push_back(',');
    AppendCsvField(&row, value.substr(0, 500));
    row.push_back(',');
    AppendCsvField(&row, reason);
    row.push_back('\n');
    if (std::fwrite(row.data(), 1, row.size(), file_) != row.size()) {
      return Internal("cannot write the reject file " + path_);
    }
    return Status::Ok();
  }
  Status Close() {
    if (file_ && std::fclose(file_) != 0) {
      file_ = nullptr;
      return Internal("cannot write the reject file " + path_);
    }
    file_ = nullptr;
    return Status::Ok();
  }
  bool used() const { return used_; }
  const std::string& path() const { return path_; }

 private:
  Status Open() {
    std::filesystem::path p(path_);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    file_ = std::fopen(path_.c_str(), "w");
    if (!file_) return InvalidArgument("cannot create the reject file " + path_ + ": " + std::strerror(errno));
    used_ = true;
    static constexpr std::string_view kHeader = "line,column,value,reason\n";
    std::fwrite(kHeader.data(), 1, kHeader.size(), file_);
    return Status::Ok();
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  bool used_ = false;
};

// The parsed cells of the current record, by declared column.
class ParsedRow final : public RowView {
 public:
  explicit ParsedRow(const KindSpec& kind) : cells(kind.columns.size()), raw(kind.columns.size()), kind_(kind) {}
  const Cell& Get(std::string_view column) const override { return cells[Index(column)]; }
  std::string_view Raw(std::string_view column) const override { return raw[Index(column)]; }

  std::vector<Cell> cells;
  std::vector<std::string_view> raw;

 private:
  size_t Index(std::string_view column) const {
    for (size_t i = 0; i < kind_.columns.size(); ++i) {
      if (kind_.columns[i].name == column) return i;
    }
    // A check naming an undeclared column is a bug in a declaration.
    std::fprintf(stderr, "internal error: kind %s has no column %.*s\n", kind_.name.c_str(),
                 static_cast<int>(column.size()), column.data());
    std::abort();
  }
  const KindSpec& kind_;
};

struct Problem {
  std::string column;
  std::string value;
  std::string reason;
};

// Where each declared column is in the file: a field index, or -1 when the
// column is absent (then a constant may stand in).
struct ColumnMap {
  std::vector<int> field;
  size_t field_count = 0;
};

Result<ColumnMap> MapHeader(const KindSpec& kind, const CsvRecord& header, const std::string& file,
                            const ImportOptions& options) {
  if (!header.error.empty()) {
    return InvalidArgument(fmt::format("{}: not a CSV file: the header line {}", file, header.error),
                           {{"file", file}, {"line", header.line}});
  }
  ColumnMap map;
  map.field.assign(kind.columns.size(), -1);
  map.field_count = header.fields.size();
  std::vector<std::string> unknown, duplicated, missing;
  for (size_t f = 0; f < header.fields.size(); ++f) {
    std::string_view name = Trim(header.fields[f]);
    const ColumnSpec* column = kind.Find(name);
    if (!column) {
      bool ignored = false;
      for (const auto& i : options.ignore_columns) ignored = ignored || EqualsIgnoreCase(i, name);
      if (!ignored) unknown.emplace_back(name.empty() ? "(empty)" : std::string(name));
      continue;
    }
    auto index = static_cast<size_t>(column - kind.columns.data());
    if (map.field[index] != -1) duplicated.emplace_back(name);
    map.field[index] = static_cast<int>(f);
  }
  for (size_t i = 0; i < kind.columns.size(); ++i) {
    const auto& c = kind.columns[i];
    if (c.required && map.field[i] == -1 && !options.constants.count(c.name)) missing.push_back(c.name);
  }
  if (unknown.empty() && duplicated.empty() && missing.empty()) return map;
  std::vector<std::string> expected;
  for (const auto& c : kind.columns) expected.push_back(c.name);
  std::string message = fmt::format("{}: cannot import as {}:", file, kind.name);
  if (!missing.empty()) message += fmt::format(" missing required column(s) {};", fmt::join(missing, ", "));
  if (!unknown.empty()) message += fmt::format(" unknown column(s) {};", fmt::join(unknown, ", "));
  if (!duplicated.empty()) message += fmt::format(" repeated column(s) {};", fmt::join(duplicated, ", "));
  message += fmt::format(" expected columns: {}", fmt::join(expected, ", "));
  return InvalidArgument(message, {{"file", file},
                                   {"missing_columns", missing},
                                   {"unknown_columns", unknown},
                                   {"repeated_columns", duplicated},
                                   {"expected_columns", expected}});
}

std::uint64_t FileSize(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

// Validates records of one kind: fields against their columns and code sets,
// references against the known keys, the kind's row checks, and the natural
// key against the keys seen earlier in the file.
class RowValidator {
 public:
  RowValidator(const KindSpec& kind, const ColumnMap& map, const CodeSets& code_sets,
               const std::vector<KeySet*>& references, const ImportOptions& options)
      : kind_(kind), map_(map), code_sets_(code_sets), references_(references), options_(options), row_(kind) {}

  // True when `record` can be stored; then Stored() and key() describe it,
  // otherwise problems() says why not.
  bool Check(const CsvRecord& record) {
    problems_.clear();
    if (!record.error.empty()) {
      problems_.push_back({ColumnOfField(record.error_field), "", record.error});
    } else if (record.fields.size() == 1 && record.fields[0].empty()) {
      problems_.push_back({"", "", "blank line"});
    } else if (record.fields.size() != map_.field_count) {
      problems_.push_back({"", "",
                           fmt::format("expected {} fields as in the header, found {}", map_.field_count,
                                       record.fields.size())});
    } else {
      CheckFields(record);
      if (problems_.empty()) CheckRow();
      if (problems_.empty()) CheckKey(record.line);
    }
    if (!problems_.empty()) return false;
    stored_.clear();
    for (size_t i = 0; i < kind_.columns.size(); ++i) {
      if (kind_.columns[i].stored) stored_.push_back(row_.cells[i]);
    }
    for (const auto& d : kind_.derived) stored_.push_back(d.compute(row_));
    return true;
  }

  const std::vector<Problem>& problems() const { return problems_; }
  std::span<const Cell> Stored() const { return stored_; }
  const std::string& key() const { return key_; }

 private:
  std::string ColumnOfField(int field) const {
    if (field < 0 || static_cast<size_t>(field) >= map_.field_count) return "";
    for (size_t i = 0; i < kind_.columns.size(); ++i) {
      if (map_.field[i] == field) return kind_.columns[i].name;
    }
    return "";
  }

  void CheckFields(const CsvRecord& record) {
    for (size_t i = 0; i < kind_.columns.size(); ++i) {
      const ColumnSpec& c = kind_.columns[i];
      std::string_view raw;
      if (map_.field[i] >= 0) {
        raw = Trim(record.fields[static_cast<size_t>(map_.field[i])]);
      } else if (auto constant = options_.constants.find(c.name); constant != options_.constants.end()) {
        raw = constant->second;
      }
      row_.raw[i] = raw;
      std::string reason = ParseField(c, raw, code_sets_, &row_.cells[i]);
      if (reason.empty() && c.required && row_.cells[i].is_null()) reason = "required";
      if (reason.empty() && references_[i] && !row_.cells[i].is_null() && !references_[i]->Contains(raw)) {
        reason = fmt::format("unknown {}: not in the database nor earlier in this import", c.name);
      }
      // Out of scope overrides every other reason: the row is not the
      // caller's to import, whatever else is wrong with it.
      if (IsScoped(c) && !row_.cells[i].is_null() && !options_.allowed_organizations->contains(raw)) {
        reason = fmt::format("organization {} is outside your scope", raw);
      }
      if (!reason.empty()) problems_.push_back({c.name, std::string(raw), std::move(reason)});
    }
  }

  // Columns naming an organization the caller must hold: the organizations
  // kind's own key and every reference to an organization.
  bool IsScoped(const ColumnSpec& c) const {
    if (!options_.allowed_organizations) return false;
    if (c.type == ColumnType::kReference) return c.references == "organizations";
    return kind_.name == "organizations" && c.name == "org_id";
  }

  void CheckRow() {
    for (const auto& check : kind_.checks) {
      if (auto p = check(row_, code_sets_)) {
        problems_.push_back({p->column, std::string(row_.Raw(p->column)), p->reason});
      }
    }
  }

  void CheckKey(std::uint64_t line) {
    key_.clear();
    for (const auto& k : kind_.key) {
      const Cell& cell = row_.Get(k);
      AppendKeyPart(&key_, cell.type == Cell::Type::kInteger ? std::to_string(cell.integer) : row_.Raw(k));
    }
    if (std::uint64_t earlier = file_keys_.Insert(key_, line)) {
      std::string shown = key_;
      std::replace(shown.begin(), shown.end(), '\x1f', '|');
      problems_.push_back({fmt::format("{}", fmt::join(kind_.key, "+")), shown,
                           fmt::format("duplicate of line {}: same {}", earlier, fmt::join(kind_.key, ", "))});
    }
  }

  const KindSpec& kind_;
  const ColumnMap& map_;
  const CodeSets& code_sets_;
  const std::vector<KeySet*>& references_;
  const ImportOptions& options_;
  ParsedRow row_;
  std::vector<Problem> problems_;
  std::vector<Cell> stored_;
  KeySet file_keys_;
  std::string key_;
};

// Reads every record after the header: rejects go to the reject file, valid
// rows to the writer through a RowPipeline (on its own thread). Returns when
// the writer has written every row or the first error; the writer's thread
// has stopped either way, so the caller may roll back.
struct RowLoad {
  CsvReader& reader;
  RowValidator& validator;
  BulkWriter& writer;
  RejectFile& rejects;
  KeySet* own_keys;  // keys of this kind others refer to; null when none do
  Progress& progress;
  const std::string& file;

  Status Run(ImportReport& report) {
    RowPipeline pipeline(writer);
    CsvRecord record;
    while (true) {
      PL_ASSIGN_OR_RETURN(bool more, Annotate(reader.Next(&record)));
      if (!more) break;
      ++report.rows_read;
      if ((report.rows_read & 4095) == 0) {
        progress.Update(reader.bytes_consumed());
        if (progress.cancelled()) return Cancelled("the import of " + file + " was cancelled; nothing was stored");
      }
      if (!validator.Check(record)) {
        ++report.rows_rejected;
        for (const auto& p : validator.problems()) {
          PL_RETURN_IF_ERROR(rejects.Write(record.line, p.column, p.value, p.reason));
        }
        continue;
      }
      Status added = pipeline.Add(validator.Stored(), record.line);
      if (!added.ok()) return Status(added.code(), file + ": " + added.message());
      ++report.rows_stored;
      if (own_keys) own_keys->Insert(validator.key(), record.line);
    }
    Status finished = pipeline.Finish();
    if (!finished.ok()) return Status(finished.code(), file + ": " + finished.message());
    return Status::Ok();
  }

  Result<bool> Annotate(Result<bool> more) {
    if (more.ok()) return more;
    return Status(StatusCode::kInternal, file + ": " + more.status().message());
  }
};

// Files at least this large load into an empty table without its indexes.
constexpr std::uint64_t kBulkLoadBytes = 1 << 20;

}  // namespace

nlohmann::json ImportReport::ToJson() const {
  return {{"kind", kind},
          {"file", file},
          {"batch_id", batch_id},
          {"rows_read", rows_read},
          {"rows_stored", rows_stored},
          {"rows_rejected", rows_rejected},
          {"rows_changed", rows_changed},
          {"rejects_file", rejects_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(rejects_file)},
          {"checksum", checksum},
          {"seconds", seconds}};
}

bool IsRefusal(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument || status.code() == StatusCode::kNotFound ||
         status.code() == StatusCode::kPermissionDenied;
}

Importer::Importer(store::Database& db) : db_(db) {
  if (sodium_init() < 0) std::abort();  // only fails when no entropy source exists
}
Importer::~Importer() = default;

Result<KeySet*> Importer::KnownKeys(const KindSpec& kind) {
  auto it = known_keys_.find(kind.name);
  if (it != known_keys_.end()) return it->second.get();
  auto keys = std::make_unique<KeySet>();
  try {
    std::vector<std::string> columns;
    for (const auto& k : kind.key) columns.push_back(kind.Find(k)->column());
    soci::rowset<soci::row> rows =
        (db_.session().prepare << fmt::format("SELECT {} FROM {}", fmt::join(columns, ", "), kind.table));
    std::string key;
    for (const auto& row : rows) {
      key.clear();
      for (size_t i = 0; i < columns.size(); ++i) {
        std::string part = row.get_properties(i).get_data_type() == soci::dt_string
                               ? row.get<std::string>(i)
                               : std::to_string(row.get<long long>(i));
        AppendKeyPart(&key, part);
      }
      keys->Insert(key, KeySet::kUnknownLine);
    }
  } catch (const std::exception& e) {
    return Internal(fmt::format("cannot read the keys of {}: {}", kind.table, store::DriverMessage(e)));
  }
  return (known_keys_[kind.name] = std::move(keys)).get();
}

Result<ImportReport> Importer::ImportFile(const KindSpec& kind, const std::string& path,
                                          const ImportOptions& options) {
  PL_ASSIGN_OR_RETURN(auto source, OpenFileSource(path));
  return Import(kind, std::move(source), path, options);
}

Result<ImportReport> Importer::Import(const KindSpec& kind, std::unique_ptr<ByteSource> raw_source,
                                      const std::string& file, const ImportOptions& options) {
  auto started = std::chrono::steady_clock::now();
  const std::string started_at = store::NowIso8601(/*microseconds=*/true);
  NullProgress null_progress;
  Progress& progress = options.progress ? *options.progress : null_progress;

  auto hashing = std::make_unique<HashingSource>(std::move(raw_source));
  HashingSource* hasher = hashing.get();
  CsvReader reader(std::move(hashing));
  CsvRecord record;  // the header

  PL_ASSIGN_OR_RETURN(bool has_header, reader.Next(&record));
  if (!has_header) {
    return InvalidArgument(fmt::format("{}: the file is empty: expected a header line naming the {} columns",
                                       file, kind.name),
                           {{"file", file}});
  }
  PL_ASSIGN_OR_RETURN(ColumnMap map, MapHeader(kind, record, file, options));
  PL_ASSIGN_OR_RETURN(CodeSets code_sets, CodeSets::Load(db_));

  // Reference sets: resolved before the transaction so that a failure to
  // read them refuses the file early.
  std::vector<KeySet*> references(kind.columns.size(), nullptr);
  for (size_t i = 0; i < kind.columns.size(); ++i) {
    const auto& c = kind.columns[i];
    if (c.type != ColumnType::kReference) continue;
    PL_ASSIGN_OR_RETURN(const KindSpec* target, FindKind(c.references));
    PL_ASSIGN_OR_RETURN(references[i], KnownKeys(*target));
  }
  // This kind's own keys are only tracked when another kind refers to it.
  KeySet* own_keys = nullptr;
  for (const auto& other : Kinds()) {
    for (const auto& c : other.columns) {
      if (c.type == ColumnType::kReference && c.references == kind.name && !own_keys) {
        PL_ASSIGN_OR_RETURN(own_keys, KnownKeys(kind));
      }
    }
  }

  ImportReport report;
  report.kind = kind.name;
  report.file = file;
  report.batch_id = NewBatchId(started_at);
  RejectFile rejects(options.rejects_path.empty()
                         ? (std::filesystem::path(options.rejects_dir) /
                            (report.batch_id + "-" + kind.name + ".rejects.csv"))
                               .string()
                         : options.rejects_path);

  // Every reference is checked above against the key sets, under the write
  // lock, so the database's per-row foreign-key lookups can be skipped.
  Status status = db_.BeginBulkLoad();
  if (status.ok()) status = db_.Begin();
  if (!status.ok()) {
    (void)db_.EndBulkLoad();
    return status;
  }
  auto fail = [&](Status s) -> Result<ImportReport> {
    (void)db_.Rollback();
    (void)db_.EndBulkLoad();
    known_keys_.clear();  // may hold keys of rows that were rolled back
    (void)rejects.Close();
    if (rejects.used()) std::filesystem::remove(rejects.path());
    return s;
  };

  // A large file into an empty table loads without the table's indexes,
  // which are built once at the end (Database::SuspendIndexes). On
  // PostgreSQL a lock makes "empty" hold until commit (concurrent importers
  // of the kind wait; readers do not); SQLite's BEGIN IMMEDIATE already did.
  if (db_.backend() == store::Backend::kPostgres) {
    status = db_.Execute(fmt::format("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE", kind.table));
    if (!status.ok()) return fail(status);
  }
  auto empty = store::QueryInteger(db_, fmt::format("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) AS t", kind.table));
  if (!empty.ok()) return fail(empty.status());
  const bool empty_table = *empty == 0;
  const std::uint64_t file_bytes = FileSize(file);  // 0 for standard input
  std::vector<std::string> rebuild;
  if (empty_table && file_bytes >= kBulkLoadBytes) {
    auto suspended = db_.SuspendIndexes(kind.table);
    if (!suspended.ok()) return fail(suspended.status());
    rebuild = std::move(suspended).value();
  }

  auto writer = MakeBulkWriter(db_, kind, empty_table);
  if (!writer.ok()) return fail(writer.status());
  RowValidator validator(kind, map, code_sets, references, options);
  progress.Begin("importing " + kind.name, file_bytes, "bytes");
  Status loaded = RowLoad{reader, validator, **writer, rejects, own_keys, progress, file}.Run(report);
  if (!loaded.ok()) return fail(loaded);

  auto changed = (*writer)->Finish();
  if (!changed.ok()) return fail(changed.status());
  report.rows_changed = *changed;
  if (!rebuild.empty()) {
    progress.Begin("indexing " + kind.table, rebuild.size(), "indexes");
    for (std::size_t i = 0; i < rebuild.size(); ++i) {
      Status built = db_.Execute(rebuild[i]);
      if (!built.ok()) return fail(built);
      progress.Update(i + 1);
    }
  }
  report.checksum = hasher->HexDigest();
  Status closed = rejects.Close();
  if (!closed.ok()) return fail(closed);
  if (rejects.used()) report.rejects_file = rejects.path();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  try {
    auto rows_read = static_cast<long long>(report.rows_read);
    auto rows_stored = static_cast<long long>(report.rows_stored);
    auto rows_rejected = static_cast<long long>(report.rows_rejected);
    auto rows_changed = static_cast<long long>(report.rows_changed);
    soci::indicator rejects_ind = report.rejects_file.empty() ? soci::i_null : soci::i_ok;
    db_.session() << "INSERT INTO import_batch (batch_id, kind, file_name, checksum, rows_read, rows_stored, "
                     "rows_rejected, rows_changed, rejects_file, started_at, seconds, actor) VALUES "
                     "(:b, :k, :f, :c, :rr, :rs, :rj, :rc, :rf, :t, :s, :a)",
        soci::use(report.batch_id), soci::use(report.kind), soci::use(report.file), soci::use(report.checksum),
        soci::use(rows_read), soci::use(rows_stored), soci::use(rows_rejected), soci::use(rows_changed),
        soci::use(report.rejects_file, rejects_ind), soci::use(started_at), soci::use(report.seconds),
        soci::use(options.actor);
  } catch (const std::exception& e) {
    return fail(Internal(std::string("cannot record the import batch: ") + store::DriverMessage(e)));
  }
  status = db_.Commit();
  if (!status.ok()) return fail(status);
  (void)db_.EndBulkLoad();
  progress.End();
  return report;
}

}  // namespace pl::ingest
