// A web alarm's multipart/form-data body (manual sample 3, L8502–L8590): parts json_msg
// and pqdif_file, the file's bytes exact, and bodies cut short refused.
#include <gtest/gtest.h>

#include <string>

#include "api/mime/mime_message.hpp"
#include "core/alarm/alarm_json.hpp"
#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead::mime {
namespace {

// The boundary curl 7.68.0 used in the manual's sample.
constexpr std::string_view kContentType =
    "multipart/form-data; boundary=------------------------eb807a8a5abf1a09";
constexpr std::string_view kBoundary = "--------------------------eb807a8a5abf1a09";

// PQDIF-like bytes with NULs, bare CRs, CRLFs and a near-miss of the boundary.
std::string pqdif_bytes() {
  std::string bytes("\x02\x00\x00\x00\r\n\r\n\0\0\xFF\xFE", 12);
  bytes += "\r\n--------------------------eb807a8a5abf1a0 not quite\r\n";
  for (int i = 0; i < 2048; ++i) bytes += static_cast<char>((i * 131) & 0xFF);
  bytes += std::string("\r\n\0\r", 4);
  return bytes;
}

std::string sample3_body(int parts = 2) {
  std::string body;
  body += kBoundary;
  body +=
      "\r\nContent-Disposition: form-data; name=\"json_msg\"\r\n"
      "Content-Type: application/json\r\n\r\n";
  body += test::kManualSample3;
  body += "\r\n";
  for (int i = 1; i < parts; ++i) {
    body += kBoundary;
    body +=
        "\r\nContent-Disposition: form-data; name=\"pqdif_file\"; "
        "filename=\"140800001_1594577710_813931_06.pqd\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n";
    body += pqdif_bytes();
    body += "\r\n";
  }
  body += kBoundary;
  body += "--\r\n";
  return body;
}

TEST(MimeFormData, ManualSample3JsonMsgAndPqdifFile) {
  const auto parts = parse_form_data(kContentType, sample3_body());
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].disposition, "form-data");
  EXPECT_EQ(parts[0].field_name, "json_msg");
  EXPECT_EQ(parts[0].content_type, "application/json");
  EXPECT_EQ(parts[0].body, test::kManualSample3);
  EXPECT_EQ(parts[1].field_name, "pqdif_file");
  EXPECT_EQ(parts[1].file_name, test::kManualSample3FileName);
  EXPECT_EQ(parts[1].content_type, "application/octet-stream");
  EXPECT_EQ(parts[1].body, pqdif_bytes());

  // The file name's time (1594577710 s, 813931 µs) is the event's EventTime.
  const AlarmEvent event = decode_alarm_json(parts[0].body);
  ASSERT_TRUE(event.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*event.event_time), 1594577710813931);
}

TEST(MimeFormData, TruncatedUploadIsRefused) {
  const std::string body = sample3_body();
  // Cut inside the file, and cut just before the closing boundary's final "--".
  EXPECT_THROW((void)parse_form_data(kContentType, body.substr(0, body.size() / 2)), MimeError);
  EXPECT_THROW((void)parse_form_data(kContentType, body.substr(0, body.size() - 4)), MimeError);
  EXPECT_NO_THROW((void)parse_form_data(kContentType, body));
}

TEST(MimeFormData, MissingBoundaryOrWrongTypeIsRefused) {
  const std::string body = sample3_body();
  EXPECT_THROW((void)parse_form_data("multipart/form-data", body), MimeError);
  EXPECT_THROW((void)parse_form_data("multipart/form-data; boundary=\"\"", body), MimeError);
  EXPECT_THROW((void)parse_form_data("application/json", body), MimeError);
  EXPECT_THROW((void)parse_form_data("", body), MimeError);
  // A line break in the header value would let the sender add headers.
  std::string injected(kContentType);
  injected += "\r\nContent-Transfer-Encoding: base64";
  EXPECT_THROW((void)parse_form_data(injected, body), MimeError);
}

TEST(MimeFormData, TooManyPartsIsRefused) {
  MimeLimits limits;
  limits.max_parts = 4;
  EXPECT_EQ(parse_form_data(kContentType, sample3_body(4), limits).size(), 4u);
  try {
    (void)parse_form_data(kContentType, sample3_body(5), limits);
    FAIL() << "five parts accepted with a limit of four";
  } catch (const MimeError& e) {
    EXPECT_STREQ(e.what(), "MIME message has more parts than the limit of 4");
  }
}

TEST(MimeFormData, QuotedBoundaryAndUpperCaseType) {
  std::string type = "Multipart/Form-Data; boundary=\"";
  type += kBoundary.substr(2);
  type += "\"";
  const auto parts = parse_form_data(type, sample3_body());
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].body, pqdif_bytes());
}

}  // namespace
}  // namespace jemhead::mime
