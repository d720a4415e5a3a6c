// The SMTP command-line parser, table by table: what each accepted line means, and the
// exact reply code for each kind of bad line (500 verb/line, 501 arguments, 504 mechanism,
// 555 unknown parameter).
#include "api/smtp/smtp_command.hpp"

#include <gtest/gtest.h>

#include "core/digest/base64.hpp"

namespace jemhead::smtp {
namespace {

using digest::base64_decode;
using digest::base64_encode;

constexpr std::size_t kLimit = 512;

SmtpCommand parsed(const std::string& line) {
  auto result = parse_command(line, kLimit);
  if (auto* error = std::get_if<SmtpReply>(&result)) {
    ADD_FAILURE() << "'" << line << "' refused: " << error->code << " " << error->lines.front();
    return {};
  }
  return std::get<SmtpCommand>(result);
}

int refusal(const std::string& line) {
  auto result = parse_command(line, kLimit);
  if (std::holds_alternative<SmtpCommand>(result)) return 0;
  return std::get<SmtpReply>(result).code;
}

TEST(SmtpCommandParser, VerbsAreCaseInsensitive) {
  const std::pair<const char*, SmtpVerb> table[] = {
      {"HELO meter", SmtpVerb::helo},
      {"ehlo meter", SmtpVerb::ehlo},
      {"Mail From:<a@b>", SmtpVerb::mail},
      {"rcpt to:<a@b>", SmtpVerb::rcpt},
      {"data", SmtpVerb::data},
      {"RsEt", SmtpVerb::rset},
      {"noop", SmtpVerb::noop},
      {"NOOP anything", SmtpVerb::noop},
      {"quit", SmtpVerb::quit},
      {"starttls", SmtpVerb::starttls},
      {"auth plain", SmtpVerb::auth},
      {"VRFY postmaster", SmtpVerb::vrfy},
      {"help", SmtpVerb::help},
  };
  for (const auto& [line, verb] : table) EXPECT_EQ(parsed(line).verb, verb) << line;
}

TEST(SmtpCommandParser, HeloTakesTheFirstWordAsTheClientName) {
  EXPECT_EQ(parsed("EHLO meter-17.example").domain, "meter-17.example");
  EXPECT_EQ(parsed("HELO [192.0.2.7]").domain, "[192.0.2.7]");
  EXPECT_EQ(parsed("EHLO   spaced   extra words").domain, "spaced");
}

TEST(SmtpCommandParser, MailFromPathAndParameters) {
  auto cmd = parsed("MAIL FROM:<meter@plant.example> SIZE=12345 BODY=8BITMIME");
  EXPECT_EQ(cmd.path, "meter@plant.example");
  ASSERT_TRUE(cmd.declared_size.has_value());
  EXPECT_EQ(*cmd.declared_size, 12345u);
  EXPECT_EQ(cmd.body, MailBody::eight_bit_mime);

  cmd = parsed("mail from:<a@b> body=7bit");
  EXPECT_EQ(cmd.body, MailBody::seven_bit);
  EXPECT_FALSE(cmd.declared_size.has_value());

  EXPECT_EQ(parsed("MAIL FROM:<>").path, "");                              // the null reverse-path
  EXPECT_EQ(parsed("MAIL FROM: <lenient@x>").path, "lenient@x");           // space after the colon
  EXPECT_EQ(parsed("MAIL FROM:bare@x").path, "bare@x");                    // no angle brackets
  EXPECT_EQ(parsed("MAIL FROM:<@relay1,@relay2:user@x>").path, "user@x");  // source route
  EXPECT_EQ(parsed("MAIL FROM:<\"odd > name\"@x>").path, "\"odd > name\"@x");
  EXPECT_EQ(parsed("MAIL FROM:<a@b> AUTH=<>").path, "a@b");  // RFC 4954 parameter ignored
}

TEST(SmtpCommandParser, RcptToPath) {
  EXPECT_EQ(parsed("RCPT TO:<alarms@headend.example>").path, "alarms@headend.example");
  EXPECT_EQ(parsed("RCPT TO:<postmaster>").path, "postmaster");
  EXPECT_EQ(parsed("rcpt to: <x@y>").path, "x@y");
}

TEST(SmtpCommandParser, AuthMechanismAndInitialResponse) {
  auto cmd = parsed("auth plain AGFsaWNlAHNlY3JldA==");
  EXPECT_EQ(cmd.mechanism, "PLAIN");
  ASSERT_TRUE(cmd.initial_response.has_value());
  EXPECT_EQ(*cmd.initial_response, "AGFsaWNlAHNlY3JldA==");
  cmd = parsed("AUTH LOGIN");
  EXPECT_EQ(cmd.mechanism, "LOGIN");
  EXPECT_FALSE(cmd.initial_response.has_value());
}

TEST(SmtpCommandParser, ErrorRepliesByKind) {
  const std::pair<const char*, int> table[] = {
      {"", 500},
      {"FROB", 500},
      {"GET / HTTP/1.1", 500},
      {"EXPN staff", 502},
      {"HELO", 501},
      {"EHLO   ", 501},
      {"MAIL", 501},
      {"MAIL TO:<a@b>", 501},
      {"MAIL FROM:", 501},
      {"MAIL FROM:<a@b", 501},
      {"MAIL FROM:<a b@c>", 501},
      {"MAIL FROM:<a@b>junk", 501},
      {"MAIL FROM:<@relay>", 501},
      {"MAIL FROM:<a@>", 501},
      {"MAIL FROM:<@b>", 501},
      {"MAIL FROM:<a@b> SIZE=", 501},
      {"MAIL FROM:<a@b> SIZE=12x", 501},
      {"MAIL FROM:<a@b> SIZE=99999999999999999999999", 501},
      {"MAIL FROM:<a@b> BODY=BINARYMIME", 501},
      {"MAIL FROM:<a@b> SMTPUTF8", 555},
      {"MAIL FROM:<a@b> RET=FULL", 555},
      {"RCPT TO:<>", 501},
      {"RCPT FROM:<a@b>", 501},
      {"RCPT TO:<a@b> NOTIFY=NEVER", 555},
      {"DATA now", 501},
      {"RSET all", 501},
      {"QUIT please", 501},
      {"STARTTLS x", 501},
      {"VRFY", 501},
      {"AUTH", 501},
      {"AUTH CRAM-MD5", 504},
      {"AUTH XOAUTH2 token", 504},
      {"AUTH PLAIN a b", 501},
      {"MAIL FROM:<a\x01@b>", 500},
      {"MAIL FROM:<\xc3\xa9@b>", 500},
  };
  for (const auto& [line, code] : table) EXPECT_EQ(refusal(line), code) << "'" << line << "'";
}

TEST(SmtpCommandParser, LineLengthLimitIsExclusiveOfCrlf) {
  std::string line = "NOOP ";
  line.append(kLimit - line.size(), 'x');
  EXPECT_EQ(refusal(line), 0);
  line += 'x';
  EXPECT_EQ(refusal(line), 500);
}

TEST(SmtpCommandParser, Base64RoundTripsAndRejectsGarbage) {
  const std::pair<std::string, std::string> table[] = {
      {"", ""},        {"f", "Zg=="},        {"fo", "Zm8="},
      {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {std::string("\0u\0p", 4), "AHUAcA=="},
  };
  for (const auto& [plain, encoded] : table) {
    EXPECT_EQ(base64_encode(plain), encoded);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
  EXPECT_EQ(base64_decode("Zm8").value_or("?"), "fo");  // padding optional
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
  EXPECT_FALSE(base64_decode("Z").has_value());
  EXPECT_FALSE(base64_decode("Zm9=").has_value());  // non-zero leftover bits
  EXPECT_FALSE(base64_decode("Zg=").has_value());   // wrong padding length
  EXPECT_FALSE(base64_decode("Zm 9v").has_value());
}

}  // namespace
}  // namespace jemhead::smtp
