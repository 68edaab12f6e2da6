// CSV imports over HTTP: an upload (multipart/form-data, streamed to disk by
// the server) becomes a background import job whose result is the import
// report; its reject file is downloaded by the one who ran the import. Institution analysts import for their organizations only:
// rows for others are rejected, never stored.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>

#include "accounts/audit.hpp"
#include "api/api.hpp"
#include "http/error_mapping.hpp"
#include "http/multipart.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"
#include "students/students.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;
namespace fs = std::filesystem;

// Reads bytes [begin, end) of a file: the CSV inside an upload, without
// copying it out.
class RangeSource final : public ingest::ByteSource {
 public:
  RangeSource(int fd, std::uint64_t begin, std::uint64_t end) : fd_(fd), pos_(begin), end_(end) {}
  ~RangeSource() override { ::close(fd_); }
  Result<size_t> Read(char* buf, size_t n) override {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n, end_ - pos_));
    if (want == 0) return size_t{0};
    while (true) {
      ssize_t got = ::pread(fd_, buf, want, static_cast<off_t>(pos_));
      if (got >= 0) {
        pos_ += static_cast<std::uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno != EINTR) return Unavailable(std::string("cannot read the upload: ") + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::uint64_t pos_;
  std::uint64_t end_;
};

// Kinds a role may import. Institution analysts: their organizations and
// the rows about them (students carry no organization, only a pseudonymous
// key; program awards name the institution); administrators: everything,
// reference data and regional labor-market data included.
bool MayImport(const privacy::Principal& principal, const std::string& kind) {
  if (principal.role == privacy::Role::kAdministrator) return true;
  if (principal.role == privacy::Role::kInstitutionAnalyst) {
    return kind == "organizations" || kind == "students" || kind == "student_years" || kind == "program_awards";
  }
  return false;
}

// The client's file name, safe to show and log: its last path segment,
// letters, digits and ._- only, at most 100 characters.
std::string DisplayName(const std::string& filename, const std::string& kind) {
  std::string base = filename.substr(filename.find_last_of("/\\") + 1);
  std::string out;
  for (char c : base) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') out += c;
    if (out.size() >= 100) break;
  }
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) return kind + ".csv";
  return out;
}

// Takes the upload away from the server (which deletes it after the
// handler returns) for the job to read.
Result<std::string> KeepUpload(const std::string& body_file, const std::string& imports_dir) {
  fs::path dir = fs::path(imports_dir) / "uploads";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Internal("cannot create the uploads directory: " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  // The server named the upload at random; the name stays unguessable here.
  std::string kept = (dir / fs::path(body_file).filename()).string();
  fs::rename(body_file, kept, ec);
  if (ec) {
    // Another file system: copy instead.
    ec.clear();
    fs::copy_file(body_file, kept, ec);
    if (ec) return Internal("cannot keep the upload: " + ec.message());
    fs::permissions(kept, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  }
  return kept;
}

std::string RejectsUrl(const std::string& batch_id) { return "/api/v1/imports/" + batch_id + "/rejects"; }

// The job's result: the report with a download URL for the rejects instead
// of a server path.
nlohmann::json ResultOf(const ingest::ImportReport& report) {
  nlohmann::json result = report.ToJson();
  result.erase("rejects_file");
  result["rejects_url"] = report.rejects_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(RejectsUrl(report.batch_id));
  return result;
}

struct ImportJob {
  store::DatabasePool* pool;
  const ingest::KindSpec* kind;
  std::string upload;  // kept upload; deleted when the job ends
  http::MultipartFile part;
  std::string display_name;
  std::optional<std::set<std::string, std::less<>>> allowed;
  std::string rejects_dir;
  Caller caller;

  Status operator()(Progress& progress, nlohmann::json& result) const {
    Result<ingest::ImportReport> report = Run(progress);
    std::error_code ignored;
    fs::remove(upload, ignored);
    auto db = pool->Acquire();
    nlohmann::json detail = {{"file", display_name}};
    if (report.ok()) {
      result = ResultOf(*report);
      detail.update({{"batch_id", report->batch_id},
                     {"rows_read", report->rows_read},
                     {"rows_stored", report->rows_stored},
                     {"rows_rejected", report->rows_rejected}});
    } else {
      // Refusals name the file (its display name) and columns: the owner
      // may read them. Other failures stay in the server log.
      bool refusal = ingest::IsRefusal(report.status());
      result = {{"error", {{"code", refusal ? "invalid_argument" : "internal"},
                           {"message", refusal ? report.status().message() : "the import failed; nothing was stored"}}}};
      detail["error"] = refusal ? "refused" : "failed";
    }
    long long stored = report.ok() ? static_cast<long long>(report->rows_stored) : 0;
    Status audited = AuditAs(*db, caller, "imports.create", "kind:" + kind->name, detail, stored);
    if (!report.ok()) return report.status();
    return audited;
  }

  Result<ingest::ImportReport> Run(Progress& progress) const {
    int fd = ::open(upload.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Internal(std::string("cannot open the kept upload: ") + std::strerror(errno));
    auto source = std::make_unique<RangeSource>(fd, part.begin, part.end);
    auto db = pool->Acquire();
    ingest::Importer importer(*db);
    ingest::ImportOptions options;
    options.rejects_dir = rejects_dir;
    options.actor = caller.email;
    options.progress = &progress;
    options.allowed_organizations = allowed;
    return importer.Import(*kind, std::move(source), display_name, options);
  }
};

Response StartImport(const Request& r, const Caller& caller, store::DatabasePool& pool, jobs::JobRegistry& registry,
                     const ApiConfig& config) {
  const std::string& kind_name = r.path_params.at("kind");
  auto kind = ingest::FindKind(kind_name);
  if (!kind.ok()) return Response::Error(NotFound(kind.status().message(), {{"parameter", "kind"}}));
  if (!MayImport(caller.principal, kind_name)) {
    return Response::Error(PermissionDenied("your role may not import " + kind_name, {{"parameter", "kind"}}));
  }
  std::string content_type = r.Header("Content-Type");
  auto boundary = http::MultipartBoundary(content_type);
  if (!boundary.ok()) {
    if (content_type.find("multipart/form-data") == std::string::npos &&
        content_type.find("Multipart/") == std::string::npos) {
      return http::ErrorResponse(415, "unsupported_media_type",
                                 "send the CSV as multipart/form-data with a part named \"file\"");
    }
    return Response::Error(boundary.status());
  }
  if (r.body_file.empty()) return Response::Error(Unavailable("uploads are not enabled on this server"));
  auto part = http::FindMultipartFile(r.body_file, *boundary);
  if (!part.ok()) return Response::Error(part.status());

  ImportJob job{.pool = &pool, .kind = *kind, .part = *part,
                .display_name = DisplayName(part->filename, kind_name),
                .rejects_dir = config.imports_dir, .caller = caller};
  if (caller.principal.role != privacy::Role::kAdministrator) {
    auto db = pool.Acquire();
    auto orgs = students::ExpandOrganizations(*db, caller.principal.scopes);
    if (!orgs.ok()) return Response::Error(orgs.status());
    job.allowed.emplace(orgs->begin(), orgs->end());
  }
  auto kept = KeepUpload(r.body_file, config.imports_dir);
  if (!kept.ok()) return Response::Error(kept.status());
  job.upload = *kept;
  // Every visitor sees the jobs list: the label names the kind, never the
  // client's file name (which may name a person).
  std::string label = "Importing " + kind_name;
  std::string id = registry.Start(jobs::JobSpec{.kind = "import", .label = label, .owner_user_id = caller.principal.user_id},
                              jobs::ResultWork(std::move(job)));
  Response response = Response::Json(202, {{"job_id", id}, {"kind", kind_name}});
  response.headers.emplace_back("Location", "/api/v1/jobs/" + id);
  return response;
}

Response ReadRejects(const Request& r, const Caller& caller, store::DatabasePool& pool) {
  const std::string& batch_id = r.path_params.at("batch_id");
  auto db = pool.Acquire();
  std::string actor, rejects_file;
  soci::indicator actor_ind = soci::i_null, rejects_ind = soci::i_null;
  try {
    db->session() << "SELECT actor, rejects_file FROM import_batch WHERE batch_id = :b", soci::into(actor, actor_ind),
        soci::into(rejects_file, rejects_ind), soci::use(batch_id);
  } catch (const std::exception& e) {
    return Response::Error(Internal(std::string("cannot read the import history: ") + store::DriverMessage(e)));
  }
  if (!db->session().got_data()) return Response::Error(NotFound("no import " + batch_id, {{"batch_id", batch_id}}));
  // A reject file holds rows as they were sent (student keys and fields):
  // only the one who sent them reads it back, not even an administrator,
  // who has no student-level access.
  bool own = actor_ind == soci::i_ok && !caller.email.empty() && actor == caller.email;
  if (!own) return Response::Error(PermissionDenied("only the user who ran this import may read its rejects"));
  if (rejects_ind != soci::i_ok) return Response::Error(NotFound("this import rejected no rows", {{"batch_id", batch_id}}));
  std::ifstream in(rejects_file, std::ios::binary);
  if (!in) return Response::Error(NotFound("the reject file of this import is no longer on the server"));
  std::string body((std::istreambuf_iterator<char>(in)), {});
  Status audited = AuditAs(*db, caller, "imports.rejects_read", "batch:" + batch_id);
  if (!audited.ok()) return Response::Error(audited);
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + batch_id + "-rejects.csv\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterImportRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                          const ApiConfig& config) {
  routes.Add("POST", "/api/v1/imports/{kind}", privacy::Permission::kImport,
             [&pool, &jobs, config](const Request& r, const Caller& caller) {
               return StartImport(r, caller, pool, jobs, config);
             });
  routes.Add("GET", "/api/v1/imports/{batch_id}/rejects", privacy::Permission::kImport,
             [&pool](const Request& r, const Caller& caller) { return ReadRejects(r, caller, pool); });
}

}  // namespace pl::api
