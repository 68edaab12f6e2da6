// Multipart parsing: the file part found by streaming, CRLF edge cases,
// lookalike boundaries, preambles and malformed bodies.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/multipart.hpp"

namespace pl::http {
namespace {

using ::testing::HasSubstr;

// Serves `data` in chunks of `chunk` bytes, so matches span reads.
ChunkReader StringReader(const std::string& data, std::size_t chunk) {
  auto pos = std::make_shared<std::size_t>(0);
  return [&data, chunk, pos](char* buf, std::size_t n) -> Result<std::size_t> {
    std::size_t take = std::min({n, chunk, data.size() - *pos});
    data.copy(buf, take, *pos);
    *pos += take;
    return take;
  };
}

// The file part's bytes, parsed with several chunk sizes that must agree.
Result<std::string> FilePart(const std::string& body, const std::string& boundary = "XyZ") {
  std::string first;
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{1} << 20}) {
    auto part = FindMultipartFile(StringReader(body, chunk), boundary);
    if (!part.ok()) return part.status();
    std::string bytes = body.substr(part->begin, part->end - part->begin);
    if (chunk == 1) first = bytes;
    EXPECT_EQ(bytes, first) << "chunk " << chunk;
  }
  return first;
}

const std::string kFileHeaders =
    "Content-Disposition: form-data; name=\"file\"; filename=\"student_years.csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n";

TEST(MultipartBoundaryTest, ReadsQuotedAndPlainBoundaries) {
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data;boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; charset=utf-8; boundary=----WebKit123"), "----WebKit123");
  EXPECT_THAT(MultipartBoundary("multipart/form-data").status().message(), HasSubstr("no boundary"));
  EXPECT_THAT(MultipartBoundary("multipart/form-data; boundary=").status().message(), HasSubstr("no boundary"));
  EXPECT_THAT(MultipartBoundary("text/csv; boundary=a").status().message(), HasSubstr("multipart/form-data"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')).ok());
}

TEST(MultipartTest, FindsTheFilePartExactly) {
  std::string csv = "a,b\r\n1,2\r\n";
  std::string body = "--XyZ\r\n" + kFileHeaders + csv + "\r\n--XyZ--\r\n";
  auto bytes = FilePart(body);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, csv);
  auto part = FindMultipartFile(StringReader(body, 5), "XyZ");
  EXPECT_EQ(part->filename, "student_years.csv");
  EXPECT_EQ(part->content_type, "text/csv");
}

TEST(MultipartTest, SkipsThePreambleOtherPartsAndLookalikeBoundaries) {
  std::string csv = "x\r\n--XyZ is not a delimiter here\r\n--XyZabc,neither\r\nmore --XyZ\r\n";
  std::string body = "preamble --XyZ\r\n\r\n--XyZ  \r\n"
                     "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                     "--XyZ\r\n" + kFileHeaders + csv + "\r\n--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--XyZ--";
  auto bytes = FilePart(body);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, csv);
}

TEST(MultipartTest, KeepsCrlfAtTheEdgesOfTheContent) {
  std::string csv = "\r\n\r\na\r\n\r\n";
  auto bytes = FilePart("--XyZ\r\n" + kFileHeaders + csv + "\r\n--XyZ--");
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, csv);
  auto empty = FilePart("--XyZ\r\n" + kFileHeaders + "\r\n--XyZ--\r\n");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, "");
}

TEST(MultipartTest, MalformedBodiesSayWhatIsWrong) {
  EXPECT_THAT(FilePart("no delimiter at all").status().message(), HasSubstr("no boundary line"));
  EXPECT_THAT(FilePart("--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--").status().message(),
              HasSubstr("no part named \"file\""));
  EXPECT_THAT(FilePart("--XyZ--\r\n").status().message(), HasSubstr("no part named \"file\""));
  // Missing final boundary: the file part runs to the end of the body.
  EXPECT_THAT(FilePart("--XyZ\r\n" + kFileHeaders + "a,b\r\n1,2\r\n").status().message(),
              HasSubstr("the part named \"file\" is not terminated"));
  EXPECT_THAT(FilePart("--XyZ\r\n" + kFileHeaders + "a,b\r\n--XyZ").status().message(),
              HasSubstr("not terminated"));
  EXPECT_THAT(FilePart("--XyZ\r\nContent-Disposition: form-data; name=\"file\"").status().message(),
              HasSubstr("part headers are unterminated"));
  EXPECT_THAT(FilePart("--XyZ\r\n" + std::string(20000, 'h') + "\r\n\r\nx\r\n--XyZ--").status().message(),
              HasSubstr("too long"));
  EXPECT_THAT(FilePart("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--").status().message(), HasSubstr("no ':'"));
  EXPECT_THAT(FilePart("--XyZ\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx\r\n--XyZ--").status().message(),
              HasSubstr("unterminated quoted string"));
}

TEST(MultipartTest, ReadsFromAFile) {
  EXPECT_EQ(FindMultipartFile(std::string("/nonexistent/upload"), "XyZ").status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace pl::http
