// Meters' alarm e-mail read with GMime: attachments, transfer encodings, nesting, headers.
#include <gtest/gtest.h>

#include <string>

#include "api/mime/mime_message.hpp"
#include "core/digest/base64.hpp"

namespace jemhead::mime {
namespace {

// Base64 in 76-column lines, as mail carries it (RFC 2045 §6.8).
std::string base64(std::string_view bytes) {
  const std::string flat = digest::base64_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    out += flat.substr(i, 76);
    if (i + 76 <= flat.size()) out += "\r\n";
  }
  return out;
}

std::string binary_pqdif() {
  std::string bytes;
  for (int i = 0; i < 600; ++i) bytes += static_cast<char>((i * 37) & 0xFF);
  bytes += std::string("\0\r\n--b1--\r\n\0", 12);
  return bytes;
}

const std::string kJson = R"j({"EventType":"PQD","EventTime":"2020-07-12T18:15:10.813931Z"})j";

std::string mail_with_attachment() {
  std::string m =
      "Return-Path: <meter@plant.example>\r\n"
      "From: \"JEMStar II\" <meter@plant.example>\r\n"
      "To: ops@utility.example, \"Night shift\" <night@utility.example>\r\n"
      "Cc: archive@utility.example\r\n"
      "Subject: Alarm notification\r\n"
      "Date: Sun, 12 Jul 2020 18:16:00 +0000\r\n"
      "Message-ID: <20200712181600.1@plant.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
      "\r\n"
      "This is a multi-part message in MIME format.\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n"
      "\r\n";
  m += kJson;
  m += "\r\n--b1\r\n"
       "Content-Type: application/octet-stream; name=\"140800001_1594577710_813931_06.pqd\"\r\n"
       "Content-Transfer-Encoding: base64\r\n"
       "Content-Disposition: attachment; filename=\"140800001_1594577710_813931_06.pqd\"\r\n"
       "\r\n";
  m += base64(binary_pqdif());
  m += "\r\n--b1--\r\n";
  return m;
}

TEST(MimeMail, JsonBodyAndBase64PqdifAttachment) {
  const MailMessage mail = parse_mail(mail_with_attachment());
  EXPECT_EQ(mail.from, "meter@plant.example");
  EXPECT_EQ(mail.to, (std::vector<std::string>{"ops@utility.example", "night@utility.example",
                                               "archive@utility.example"}));
  EXPECT_EQ(mail.subject, "Alarm notification");
  EXPECT_EQ(mail.date, "Sun, 12 Jul 2020 18:16:00 +0000");
  EXPECT_EQ(mail.message_id, "20200712181600.1@plant.example");
  EXPECT_EQ(mail.content_type, "multipart/mixed");
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(mail.parts[0].content_type, "text/plain");
  EXPECT_EQ(mail.parts[0].charset, "us-ascii");
  EXPECT_EQ(mail.parts[0].disposition, "");
  EXPECT_EQ(mail.parts[0].body, kJson);
  EXPECT_EQ(mail.parts[1].content_type, "application/octet-stream");
  EXPECT_EQ(mail.parts[1].disposition, "attachment");
  EXPECT_EQ(mail.parts[1].file_name, "140800001_1594577710_813931_06.pqd");
  EXPECT_EQ(mail.parts[1].body, binary_pqdif());
}

TEST(MimeMail, LfLineEndsReadTheSame) {
  std::string lf;
  for (char c : mail_with_attachment())
    if (c != '\r') lf += c;
  const MailMessage mail = parse_mail(lf);
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(mail.parts[0].body, kJson);
  EXPECT_EQ(mail.parts[1].body, binary_pqdif());  // base64 carries the bytes, CRs and all
}

TEST(MimeMail, QuotedPrintableSinglePart) {
  const MailMessage mail = parse_mail(
      "From: meter@plant.example\r\n"
      "To: ops@utility.example\r\n"
      "Subject: QP\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "{\"Administrator\":\"Am=C3=A9tek\",\"Ratio\"=3D1,\"Long\":\"a very long line th=\r\n"
      "at was wrapped\"}\r\n");
  EXPECT_EQ(mail.content_type, "text/plain");
  ASSERT_EQ(mail.parts.size(), 1u);
  EXPECT_EQ(mail.parts[0].charset, "utf-8");
  EXPECT_EQ(mail.parts[0].body,
            "{\"Administrator\":\"Am\xC3\xA9tek\",\"Ratio\"=1,\"Long\":\"a very long line that "
            "was wrapped\"}\r\n");
}

TEST(MimeMail, MixedInsideAlternativeLeavesInOrder) {
  const MailMessage mail = parse_mail(
      "From: meter@plant.example\r\n"
      "Subject: nested\r\n"
      "Content-Type: multipart/alternative; boundary=outer\r\n"
      "\r\n"
      "--outer\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "plain\r\n"
      "--outer\r\n"
      "Content-Type: multipart/mixed; boundary=inner\r\n"
      "\r\n"
      "--inner\r\n"
      "Content-Type: text/html\r\n"
      "\r\n"
      "<p>html</p>\r\n"
      "--inner\r\n"
      "Content-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename=a.pqd\r\n"
      "\r\n"
      "PQ\r\n"
      "--inner--\r\n"
      "--outer--\r\n");
  EXPECT_EQ(mail.content_type, "multipart/alternative");
  ASSERT_EQ(mail.parts.size(), 3u);
  EXPECT_EQ(mail.parts[0].content_type, "text/plain");
  EXPECT_EQ(mail.parts[0].body, "plain");
  EXPECT_EQ(mail.parts[1].content_type, "text/html");
  EXPECT_EQ(mail.parts[1].body, "<p>html</p>");
  EXPECT_EQ(mail.parts[2].file_name, "a.pqd");
  EXPECT_EQ(mail.parts[2].body, "PQ");
}

TEST(MimeMail, Rfc2047SubjectIsDecoded) {
  const MailMessage mail = parse_mail(
      "From: =?ISO-8859-1?Q?Z=E4hler?= <meter@plant.example>\r\n"
      "Subject: =?UTF-8?Q?Alarm_=E2=80=93?= =?UTF-8?B?IEpFTVN0YXIgSUk=?=\r\n"
      "\r\n"
      "body\r\n");
  EXPECT_EQ(mail.subject, "Alarm \xE2\x80\x93 JEMStar II");
  EXPECT_EQ(mail.from, "meter@plant.example");
  EXPECT_EQ(mail.content_type, "text/plain");
  ASSERT_EQ(mail.parts.size(), 1u);
  EXPECT_EQ(mail.parts[0].body, "body\r\n");
}

TEST(MimeMail, TruncatedMultipartIsRefused) {
  std::string mail = mail_with_attachment();
  mail.resize(mail.size() - std::string("\r\n--b1--\r\n").size() - 40);
  EXPECT_THROW((void)parse_mail(mail), MimeError);
}

TEST(MimeMail, PartAndDepthLimits) {
  MimeLimits limits;
  limits.max_parts = 2;
  EXPECT_EQ(parse_mail(mail_with_attachment(), limits).parts.size(), 2u);
  limits.max_parts = 1;
  EXPECT_THROW((void)parse_mail(mail_with_attachment(), limits), MimeError);

  // Four multiparts, one inside the other, and a leaf at depth 4.
  std::string deep = "Content-Type: multipart/mixed; boundary=d0\r\n\r\n";
  for (int i = 1; i <= 3; ++i) {
    deep += "--d";
    deep += std::to_string(i - 1);
    deep += "\r\nContent-Type: multipart/mixed; boundary=d";
    deep += std::to_string(i);
    deep += "\r\n\r\n";
  }
  deep += "--d3\r\nContent-Type: text/plain\r\n\r\nleaf\r\n";
  for (int i = 3; i >= 0; --i) {
    deep += "--d";
    deep += std::to_string(i);
    deep += "--\r\n";
  }
  MimeLimits depth;
  depth.max_depth = 4;
  const MailMessage ok = parse_mail(deep, depth);
  ASSERT_EQ(ok.parts.size(), 1u);
  EXPECT_EQ(ok.parts[0].body, "leaf");
  depth.max_depth = 3;
  EXPECT_THROW((void)parse_mail(deep, depth), MimeError);
}

}  // namespace
}  // namespace jemhead::mime
