// The meter web server's PQDIF listing read leniently (drivers/protocol/pqdif_http/
// pq_listing): jemsim's directory index, other HTML indexes, JSON, plain text, and junk.
#include "drivers/protocol/pqdif_http/pq_listing.hpp"

#include <gtest/gtest.h>

#include "sim/pqdif/web_routes.hpp"

namespace jemhead::pqdif_http {
namespace {

using drivers::RemoteFile;

TEST(PqListing, ReadsJemsimDirectoryIndexWithSizes) {
  std::vector<sim::PqdifFileInfo> files(2);
  files[0].name = "142300003_1454408745_133724_07.pqd";
  files[0].size = 52731;
  files[0].created = UtcTime(std::chrono::seconds(1454408745));
  files[1].name = "142300003_1454409000_5_128.pqd";
  files[1].size = 2024;  // a size that looks like a year must still be the size
  files[1].created = UtcTime(std::chrono::seconds(1454409000));
  const auto listed = parse_pq_listing(sim::pqdif_listing_html(files), "text/html");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name, files[0].name);
  EXPECT_EQ(listed[0].size, std::optional<std::uint64_t>(52731));
  EXPECT_EQ(listed[1].name, files[1].name);
  EXPECT_EQ(listed[1].size, std::optional<std::uint64_t>(2024));
}

TEST(PqListing, ReadsApacheStyleIndexCaseInsensitiveAndDecodesNames) {
  const std::string html =
      "<html><body><pre>"
      "<a href=\"?C=N;O=D\">Name</a> <a href=\"../\">Parent</a>\n"
      "<A HREF='A%20B_1_2_8.PQD'>A B_1_2_8.PQD</A>   2026-01-02 10:25   12K\n"
      "<a href=/pqdif/x_1_0_1.pqd?dl=1>x</a>  02-Jan-2026 10:25  4096\n"
      "<a href=\"notes.txt\">notes.txt</a> 10\n"
      "<a href=\"/pqdif/Q&amp;R_1_0_2.pqd\" data-size=\"77\">Q&amp;R</a>\n"
      "</pre></body></html>";
  const auto listed = parse_pq_listing(html, "text/html");
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].name, "A B_1_2_8.PQD");
  EXPECT_FALSE(listed[0].size.has_value()) << "12K is not a byte count";
  EXPECT_EQ(listed[1].name, "x_1_0_1.pqd");
  EXPECT_EQ(listed[1].size, std::optional<std::uint64_t>(4096));
  EXPECT_EQ(listed[2].name, "Q&R_1_0_2.pqd");
  EXPECT_EQ(listed[2].size, std::optional<std::uint64_t>(77));
}

TEST(PqListing, EmptyIndexIsNoFiles) {
  EXPECT_TRUE(parse_pq_listing("<html><body>No files</body></html>", "text/html").empty());
  EXPECT_TRUE(parse_pq_listing("", "text/plain").empty());
}

TEST(PqListing, ReadsJsonObjectAndArray) {
  const auto object = parse_pq_listing(
      R"({"files":[{"name":"a_1_0_1.pqd","size":123,"modified":"2026-01-02T03:04:05Z"},)"
      R"({"file":"b_1_0_1.pqd","length":"9"},{"name":"c.txt","size":1}]})",
      "application/json");
  ASSERT_EQ(object.size(), 2u);
  EXPECT_EQ(object[0].name, "a_1_0_1.pqd");
  EXPECT_EQ(object[0].size, std::optional<std::uint64_t>(123));
  ASSERT_TRUE(object[0].modified.has_value());
  EXPECT_EQ(format_iso8601(*object[0].modified), "2026-01-02T03:04:05.000000Z");
  EXPECT_EQ(object[1].size, std::optional<std::uint64_t>(9));

  const auto array = parse_pq_listing(R"(["d_1_0_1.pqd", {"filename":"e_1_0_1.PQD"}])", "");
  ASSERT_EQ(array.size(), 2u);
  EXPECT_EQ(array[0].name, "d_1_0_1.pqd");
  EXPECT_FALSE(array[0].size.has_value());
  EXPECT_EQ(array[1].name, "e_1_0_1.PQD");
}

TEST(PqListing, ReadsPlainTextLines) {
  const auto listed = parse_pq_listing("f_1_0_1.pqd 2026-01-02 300\r\ng_1_0_1.pqd\n", "text/plain");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].size, std::optional<std::uint64_t>(300));
  EXPECT_FALSE(listed[1].size.has_value());
}

TEST(PqListing, LeavesOutUnsafeNamesAndDuplicates) {
  const auto listed = parse_pq_listing(
      R"(["..%2F..%2Fetc_1_0_1.pqd", "../x.pqd", ".hidden.pqd", "a\\b.pqd", "ok_1_0_1.pqd",)"
      R"( "ok_1_0_1.pqd"])",
      "application/json");
  ASSERT_EQ(listed.size(), 1u) << "any '..' is refused, even one that is no path";
  EXPECT_EQ(listed[0].name, "ok_1_0_1.pqd");
  EXPECT_FALSE(safe_pq_file_name("../x.pqd"));
  EXPECT_FALSE(safe_pq_file_name("a/b.pqd"));
  EXPECT_TRUE(safe_pq_file_name("142300003_1454408745_133724_07.pqd"));
  // A percent-encoded slash in an href would address another path: left out.
  EXPECT_TRUE(parse_pq_listing("<a href=\"..%2Fsecret.pqd\">x</a>", "text/html").empty());
}

TEST(PqListing, JunkIsBadResponse) {
  std::string binary("PK\x03\x04\x00\x00\x01\x02", 8);
  EXPECT_THROW(parse_pq_listing(binary, "application/octet-stream"), drivers::BadResponse);
  EXPECT_THROW(parse_pq_listing("{\"files\": [", "application/json"), drivers::BadResponse);
  EXPECT_THROW(parse_pq_listing(R"({"error":"busy"})", "application/json"), drivers::BadResponse);
  try {
    parse_pq_listing("[1,2", "");
    FAIL() << "no error";
  } catch (const drivers::BadResponse& e) {
    EXPECT_EQ(e.kind(), "bad_response");
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace jemhead::pqdif_http
