#include "synthetic/csv_file.hpp"

#include "core/csv_field.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

namespace pl::synthetic {
namespace {

// Big enough that a state-scale run (several GB) makes only a few thousand
// write calls, small enough not to matter next to the rest of the process.
constexpr std::size_t kBufferSize = 4u << 20;

Status IoError(std::string_view what, const std::string& path, int error) {
  std::string message = fmt::format("{}: {}: {}", what, path, std::strerror(error));
  if (error == ENOSPC) return {StatusCode::kResourceExhausted, std::move(message)};
  return FailedPrecondition(std::move(message));
}

}  // namespace

Result<std::unique_ptr<CsvFile>> CsvFile::Create(std::string path) {
  std::string temp = path + ".tmp";
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) return IoError("cannot open output file for writing", temp, errno);
  // The FILE's own buffer would only add a copy: we hand it 4 MB blocks.
  std::setvbuf(file, nullptr, _IONBF, 0);
  return std::unique_ptr<CsvFile>(new CsvFile(std::move(path), file));
}

CsvFile::CsvFile(std::string path, std::FILE* file)
    : path_(std::move(path)), temp_path_(path_ + ".tmp"), file_(file) {
  buffer_.reserve(kBufferSize + 4096);
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
  }
}

void CsvFile::Text(std::string_view value) {
  Separate();
  AppendCsvField(buffer_, value);
}

void CsvFile::Plain(std::string_view value) {
  Separate();
  buffer_.append(value);
}

void CsvFile::Unsigned(std::uint64_t value) {
  Separate();
  fmt::format_int f(value);
  buffer_.append(f.data(), f.size());
}

void CsvFile::ZeroPadded(std::uint64_t value, int width) {
  Separate();
  fmt::format_int f(value);
  for (int i = static_cast<int>(f.size()); i < width; ++i) buffer_.push_back('0');
  buffer_.append(f.data(), f.size());
}

void CsvFile::Tenths(std::uint64_t tenths) {
  Separate();
  fmt::format_int whole(tenths / 10);
  buffer_.append(whole.data(), whole.size());
  buffer_.push_back('.');
  buffer_.push_back(static_cast<char>('0' + tenths % 10));
}

void CsvFile::Cents(std::uint64_t cents) {
  Separate();
  fmt::format_int whole(cents / 100);
  buffer_.append(whole.data(), whole.size());
  buffer_.push_back('.');
  buffer_.push_back(static_cast<char>('0' + cents / 10 % 10));
  buffer_.push_back(static_cast<char>('0' + cents % 10));
}

void CsvFile::Decimal(double value, int digits) {
  Separate();
  fmt::format_to(std::back_inserter(buffer_), "{:.{}f}", value, digits);
}

void CsvFile::Empty() { Separate(); }

void CsvFile::EndRow() {
  buffer_.push_back('\n');
  at_row_start_ = true;
  ++rows_;
  if (buffer_.size() >= kBufferSize) Flush();
}

void CsvFile::Flush() {
  if (buffer_.empty()) return;
  if (status_.ok() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    status_ = IoError("cannot write output file", temp_path_, errno);
  }
  bytes_flushed_ += buffer_.size();
  buffer_.clear();
}

Status CsvFile::Finish() {
  Flush();
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0 && status_.ok()) {
    status_ = IoError("cannot close output file", temp_path_, errno);
  }
  if (status_.ok()) {
    std::error_code error;
    std::filesystem::rename(temp_path_, path_, error);
    if (error) {
      status_ = FailedPrecondition(
          fmt::format("cannot rename output file: {} -> {}: {}", temp_path_, path_, error.message()));
    }
  }
  if (!status_.ok()) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
  }
  return status_;
}

}  // namespace pl::synthetic
