// Streams 1 GiB of generated student_years rows through a pipe into the
// reader: every row must arrive, and memory must stay bounded (the reader
// must not hold the input, and neither does the test). Takes ~3 s in an
// optimised build.
//
// Peak RSS is the process's (ru_maxrss), so this test needs a process of its
// own: its own test binary (ctest then runs it alone). Other tests in the same
// process would count towards the peak, AddressSanitizer's quarantine of
// their freed memory included.
#include "ingest/csv_reader.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>

namespace pl::ingest {
namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PL_CSV_PIPE_TEST_ASAN 1
#endif
#endif
#if !defined(__OPTIMIZE__) || defined(__SANITIZE_ADDRESS__) || defined(PL_CSV_PIPE_TEST_ASAN)
// Unoptimised and AddressSanitizer builds parse some 50 times slower (1 GiB
// takes minutes there): they stream 64 MiB, which still dwarfs the reader's
// buffers. Optimised builds (the dev preset) stream the full GiB.
constexpr std::uint64_t kStreamBytes = std::uint64_t{64} << 20;
#else
constexpr std::uint64_t kStreamBytes = std::uint64_t{1} << 30;
#endif
constexpr long kMaxRssBytes = 100L << 20;
constexpr size_t kColumns = 16;

constexpr char kHeader[] =
    "student_id,school_year,county_fips,district_code,school_name,grade_level,gender,ethnicity,"
    "english_learner,special_education,frpm_eligible,cte_pathway_code,top_code,cip2020_code,gpa,credits_earned\n";

// About 1 MiB of varied rows, written again and again by the writer: quoted
// names with delimiters, doubled quotes, UTF-8 and the odd line break inside
// quotes, as real exports have.
std::string MakeRowBlock(std::uint64_t* rows) {
  static const char* const kSchools[] = {
      "Lincoln High", "\"Lincoln High School, East Campus\"", "Escuela Primaria Jos\xC3\xA9 Mart\xC3\xAD",
      "\"St. Mary's \"\"Academy\"\"\"", "\"Valley Oak\nContinuation\"", "Sierra Vista Middle"};
  static const char* const kEthnicities[] = {"Hispanic or Latino", "White", "Asian", "\"Black or African American\"",
                                             "Two or More Races", "Filipino"};
  static const char* const kPathways[] = {"ICT-02", "HSM-01", "AGR-03", "", "ENG-01", "BUS-02"};
  std::mt19937 rng(42);
  auto pick = [&rng](unsigned n) { return static_cast<unsigned>(rng() % n); };
  std::string block;
  *rows = 0;
  char row[512];
  while (block.size() < (1u << 20)) {
    const int len = std::snprintf(
        row, sizeof row, "S%09u,20%02u-%02u,06%03u,%07u,%s,%u,%c,%s,%c,%c,%c,%s,%04u.%02u,%02u.%04u,%u.%02u,%u.%u\n",
        pick(1000000000), 18 + pick(6), 19 + pick(6), 1 + 2 * pick(58), pick(10000000), kSchools[pick(6)],
        9 + pick(4), "FMX"[pick(3)], kEthnicities[pick(6)], "YN"[pick(2)], "YN"[pick(2)], "YN"[pick(2)],
        kPathways[pick(6)], pick(5000), pick(100), pick(60), pick(10000), pick(5), pick(100), pick(80), pick(10));
    block.append(row, static_cast<size_t>(len));
    ++*rows;
  }
  return block;
}

long PeakRssBytes() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024L;  // kilobytes on Linux
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

TEST(CsvPipeMemoryTest, StreamsAGibibyteThroughAPipeInBoundedMemory) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  (void)::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);  // fewer wake-ups; best effort

  std::uint64_t block_rows = 0;
  const std::string block = MakeRowBlock(&block_rows);
  std::uint64_t written_rows = 0;
  std::uint64_t written_bytes = 0;
  bool write_failed = false;
  std::thread writer([&] {
    // If the reader stops early and closes its end, write() must fail with
    // EPIPE here rather than SIGPIPE killing the test binary.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    write_failed = !WriteAll(fds[1], kHeader, sizeof kHeader - 1);
    written_bytes = sizeof kHeader - 1;
    while (!write_failed && written_bytes < kStreamBytes) {
      write_failed = !WriteAll(fds[1], block.data(), block.size());
      written_rows += block_rows;
      written_bytes += block.size();
    }
    ::close(fds[1]);
  });

  const auto start = std::chrono::steady_clock::now();
  std::uint64_t records = 0;
  std::uint64_t bad_records = 0;
  std::string first_bad;
  Status read_status;
  std::uint64_t consumed = 0;
  {
    CsvReader reader(FdSource(fds[0]));
    CsvRecord record;
    for (;;) {
      auto more = reader.Next(&record);
      if (!more.ok()) {
        read_status = more.status();
        break;
      }
      if (!*more) break;
      ++records;
      if (!record.error.empty() || record.fields.size() != kColumns) {
        if (bad_records++ == 0) first_bad = "line " + std::to_string(record.line) + ": " + record.error;
      }
    }
    consumed = reader.bytes_consumed();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fds[0]);  // unblocks the writer if reading stopped early
  writer.join();
  const long peak_rss = PeakRssBytes();

  ASSERT_TRUE(read_status.ok()) << read_status.ToString();
  EXPECT_FALSE(write_failed);
  EXPECT_GE(written_bytes, kStreamBytes);
  EXPECT_EQ(consumed, written_bytes);
  EXPECT_EQ(records, written_rows + 1);  // + the header
  EXPECT_EQ(bad_records, 0u) << first_bad;
  EXPECT_LT(peak_rss, kMaxRssBytes);
  std::printf("streamed %.0f MiB, %llu records in %.2f s (%.0f MiB/s); peak RSS %.1f MiB\n",
              static_cast<double>(written_bytes) / (1 << 20), static_cast<unsigned long long>(records), seconds,
              static_cast<double>(written_bytes) / (1 << 20) / seconds, static_cast<double>(peak_rss) / (1 << 20));
}

}  // namespace
}  // namespace pl::ingest
