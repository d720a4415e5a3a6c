// The SMTP session state machine fed byte scripts, as a client (or a pipelining one, or a
// hostile one) would send them: the replies' codes in order, the action asked of the
// server, and the message handed to the sink, byte for byte.
#include "api/smtp/smtp_session.hpp"

#include <gtest/gtest.h>

#include "core/digest/base64.hpp"
#include "core/digest/sha256.hpp"

namespace jemhead::smtp {
namespace {

using digest::base64_encode;

// The code of each reply in `wire` (a multi-line reply counts once, at its last line).
std::vector<int> codes(const std::string& wire) {
  std::vector<int> out;
  std::size_t pos = 0;
  while (pos < wire.size()) {
    const auto end = wire.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "reply without CRLF: " << wire;
    if (end == std::string::npos) break;
    const auto line = wire.substr(pos, end - pos);
    EXPECT_GE(line.size(), 4u) << wire;
    if (line.size() >= 4 && line[3] == ' ') out.push_back(std::stoi(line.substr(0, 3)));
    pos = end + 2;
  }
  return out;
}

using Codes = std::vector<int>;

SmtpServerOptions plain_options() {
  SmtpServerOptions o;
  o.hostname = "headend.test";
  return o;
}

SmtpServerOptions auth_options() {
  auto o = plain_options();
  o.users.push_back(SmtpUser{"meter", digest::sha256_hex("s3cret")});
  return o;
}

SmtpServerOptions tls_options() {
  auto o = auth_options();
  // The session only needs to know STARTTLS is configured; the server loads the files.
  o.certificate_file = "cert.pem";
  o.private_key_file = "key.pem";
  return o;
}

std::string plain_credentials(const std::string& user, const std::string& password) {
  std::string raw;
  raw += '\0';
  raw += user;
  raw += '\0';
  raw += password;
  return base64_encode(raw);
}

TEST(SmtpSessionScript, GreetingNamesTheHost) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  EXPECT_EQ(s.greeting(), "220 headend.test ESMTP jemhead\r\n");
}

TEST(SmtpSessionScript, EhloListsExtensionsAsConfigured) {
  auto plain = plain_options();
  plain.max_message_bytes = 4096;
  SmtpSession a(plain, "127.0.0.1");
  EXPECT_EQ(a.feed("EHLO meter\r\n").replies,
            "250-headend.test greets meter\r\n250-SIZE 4096\r\n250-8BITMIME\r\n"
            "250 PIPELINING\r\n");

  auto tls = tls_options();
  SmtpSession b(tls, "127.0.0.1");
  const auto replies = b.feed("EHLO meter\r\n").replies;
  EXPECT_NE(replies.find("250-STARTTLS\r\n"), std::string::npos) << replies;
  EXPECT_NE(replies.find("250 AUTH PLAIN LOGIN\r\n"), std::string::npos) << replies;

  // With TLS required, AUTH is offered only once TLS is on; STARTTLS only while it is off.
  tls.require_tls = true;
  SmtpSession c(tls, "127.0.0.1");
  auto before = c.feed("EHLO meter\r\nSTARTTLS\r\n");
  EXPECT_EQ(before.replies.find("AUTH"), std::string::npos) << before.replies;
  EXPECT_EQ(before.action, SessionAction::start_tls);
  auto after = c.tls_started();
  EXPECT_TRUE(after.replies.empty());
  after = c.feed("EHLO meter\r\n");
  EXPECT_NE(after.replies.find("250 AUTH PLAIN LOGIN\r\n"), std::string::npos) << after.replies;
  EXPECT_EQ(after.replies.find("STARTTLS"), std::string::npos) << after.replies;

  SmtpSession d(plain, "127.0.0.1");
  EXPECT_EQ(d.feed("HELO meter\r\n").replies, "250 headend.test\r\n");
}

TEST(SmtpSessionScript, PipelinedTransactionInOnePacket) {
  auto o = plain_options();
  SmtpSession s(o, "192.0.2.9");
  auto out = s.feed(
      "EHLO meter-1\r\nMAIL FROM:<meter@plant> SIZE=40 BODY=8BITMIME\r\n"
      "RCPT TO:<alarms@headend>\r\nRCPT TO:<ops@headend>\r\nDATA\r\n"
      "Subject: OU\r\n\r\nOutage\r\n.\r\nNOOP\r\nQUIT\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{250, 250, 250, 250, 354}));
  ASSERT_EQ(out.action, SessionAction::deliver);
  ASSERT_TRUE(out.mail.has_value());
  EXPECT_EQ(out.mail->raw, "Subject: OU\r\n\r\nOutage\r\n");
  EXPECT_EQ(out.mail->mail_from, "meter@plant");
  EXPECT_EQ(out.mail->recipients, (std::vector<std::string>{"alarms@headend", "ops@headend"}));
  EXPECT_EQ(out.mail->helo, "meter-1");
  EXPECT_EQ(out.mail->peer_address, "192.0.2.9");
  EXPECT_FALSE(out.mail->tls);
  EXPECT_EQ(out.mail->authenticated, "");
  // Commands after the end of DATA wait for the verdict: their replies come after it.
  out = s.delivered(MailVerdict{250, "Queued as 17"});
  EXPECT_EQ(out.replies, "250 Queued as 17\r\n250 OK\r\n221 headend.test closing connection\r\n");
  EXPECT_EQ(out.action, SessionAction::close);
  EXPECT_TRUE(s.closed());
  EXPECT_EQ(s.feed("NOOP\r\n").action, SessionAction::close);
}

TEST(SmtpSessionScript, DotUnstuffingIsByteExactWhateverThePacketBoundaries) {
  const std::string body =
      "..leading dot\r\n"
      "...two dots\r\n"
      "not.a.dot at start\r\n"
      ". space after dot\r\n"
      "..\r\n"
      "bare\nLF and bare\rCR stay\r\n"
      "\r\n"
      "last line\r\n"
      ".\r\n";
  const std::string expected =
      ".leading dot\r\n"
      "..two dots\r\n"
      "not.a.dot at start\r\n"
      " space after dot\r\n"
      ".\r\n"
      "bare\nLF and bare\rCR stay\r\n"
      "\r\n"
      "last line\r\n";
  const std::string script = "HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" + body;
  for (std::size_t chunk : {script.size(), std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
    auto o = plain_options();
    SmtpSession s(o, "127.0.0.1");
    std::string replies;
    std::optional<ReceivedMail> mail;
    for (std::size_t i = 0; i < script.size(); i += chunk) {
      auto out = s.feed(std::string_view(script).substr(i, chunk));
      replies += out.replies;
      if (out.action == SessionAction::deliver) mail = std::move(out.mail);
    }
    EXPECT_EQ(codes(replies), (Codes{250, 250, 250, 354})) << "chunk " << chunk;
    ASSERT_TRUE(mail.has_value()) << "chunk " << chunk;
    EXPECT_EQ(mail->raw, expected) << "chunk " << chunk;
  }
}

TEST(SmtpSessionScript, OnlyCrlfDotCrlfEndsTheData) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\na\n.\nb\r\n.\r.\r\n");
  EXPECT_EQ(out.action, SessionAction::read);  // "\n.\n" and ".\r." are not the end
  out = s.feed(".\r\n");
  ASSERT_EQ(out.action, SessionAction::deliver);
  EXPECT_EQ(out.mail->raw, "a\n.\nb\r\n\r.\r\n");
}

TEST(SmtpSessionScript, MessageSizeLimit) {
  auto o = plain_options();
  o.max_message_bytes = 100;
  SmtpSession s(o, "127.0.0.1");
  // Declared too big: refused at MAIL.
  auto out = s.feed("EHLO m\r\nMAIL FROM:<a@b> SIZE=101\r\nMAIL FROM:<a@b> SIZE=100\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{250, 552, 250}));
  // Exactly the limit (48 + 2 + 48 + 2 bytes) is accepted.
  const std::string line48(48, 'x');
  out = s.feed("RCPT TO:<c@d>\r\nDATA\r\n" + line48 + "\r\n" + line48 + "\r\n.\r\n");
  ASSERT_EQ(out.action, SessionAction::deliver);
  EXPECT_EQ(out.mail->raw.size(), 100u);
  out = s.delivered(MailVerdict{});
  EXPECT_EQ(codes(out.replies), (Codes{250}));
  // One byte more: the rest of DATA is still read, then 552, and the transaction is over.
  out = s.feed("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" + line48 + "\r\n" + line48 + "y\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{250, 250, 354}));
  EXPECT_TRUE(s.in_data());
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(s.feed(line48 + "\r\n").replies.empty());
  out = s.feed(".\r\nRCPT TO:<c@d>\r\n");
  EXPECT_EQ(out.action, SessionAction::read);
  EXPECT_EQ(codes(out.replies), (Codes{552, 503}));
}

TEST(SmtpSessionScript, RecipientLimitGives452AndKeepsTheAccepted) {
  auto o = plain_options();
  o.max_recipients = 2;
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed(
      "EHLO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@x>\r\nRCPT TO:<2@x>\r\nRCPT TO:<3@x>\r\n"
      "DATA\r\nhi\r\n.\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{250, 250, 250, 250, 452, 354}));
  ASSERT_EQ(out.action, SessionAction::deliver);
  EXPECT_EQ(out.mail->recipients, (std::vector<std::string>{"1@x", "2@x"}));
}

TEST(SmtpSessionScript, AuthPlainWithAndWithoutInitialResponse) {
  auto o = auth_options();
  {
    SmtpSession s(o, "127.0.0.1");
    auto out = s.feed("EHLO m\r\nAUTH PLAIN " + plain_credentials("meter", "s3cret") +
                      "\r\nAUTH PLAIN\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{250, 235, 503, 250, 250, 354}));
    ASSERT_EQ(out.action, SessionAction::deliver);
    EXPECT_EQ(out.mail->authenticated, "meter");
  }
  {
    SmtpSession s(o, "127.0.0.1");
    auto out = s.feed("EHLO m\r\nAUTH PLAIN\r\n");
    EXPECT_EQ(out.replies.substr(out.replies.size() - 6), "334 \r\n");
    out = s.feed(plain_credentials("meter", "s3cret") + "\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{235}));
  }
  {
    SmtpSession s(o, "127.0.0.1");
    std::string authz_other = base64_encode(std::string("boss\0meter\0s3cret", 17));
    auto out =
        s.feed("EHLO m\r\nAUTH PLAIN " + plain_credentials("meter", "wrong") + "\r\nAUTH PLAIN " +
               plain_credentials("nobody", "s3cret") + "\r\nAUTH PLAIN " + authz_other +
               "\r\nAUTH PLAIN " + base64_encode("meter s3cret") + "\r\nAUTH PLAIN not*base64\r\n" +
               "AUTH PLAIN\r\n*\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{250, 535, 535, 535, 501, 501, 334, 501}));
  }
}

TEST(SmtpSessionScript, AuthLoginChallenges) {
  auto o = auth_options();
  {
    SmtpSession s(o, "127.0.0.1");
    auto out = s.feed("EHLO m\r\nAUTH LOGIN\r\n");
    EXPECT_EQ(out.replies.substr(out.replies.rfind("334 ")), "334 VXNlcm5hbWU6\r\n");
    out = s.feed(base64_encode("meter") + "\r\n");
    EXPECT_EQ(out.replies, "334 UGFzc3dvcmQ6\r\n");
    out = s.feed(base64_encode("s3cret") + "\r\nMAIL FROM:<a@b>\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{235, 250}));
  }
  {
    SmtpSession s(o, "127.0.0.1");  // the user name as initial response
    auto out = s.feed("EHLO m\r\nAUTH LOGIN " + base64_encode("meter") + "\r\n" +
                      base64_encode("bad") + "\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{250, 334, 535}));
    out = s.feed("AUTH LOGIN\r\n*\r\n");
    EXPECT_EQ(codes(out.replies), (Codes{334, 501}));
  }
}

TEST(SmtpSessionScript, AuthOnlyWhenOfferedAndInOrder) {
  auto none = plain_options();
  SmtpSession a(none, "127.0.0.1");
  EXPECT_EQ(codes(a.feed("EHLO m\r\nAUTH PLAIN\r\n").replies), (Codes{250, 502}));

  auto o = auth_options();
  SmtpSession b(o, "127.0.0.1");
  EXPECT_EQ(codes(b.feed("AUTH PLAIN\r\nHELO m\r\nAUTH PLAIN\r\n").replies),
            (Codes{503, 250, 503}));  // AUTH needs EHLO
  SmtpSession c(o, "127.0.0.1");
  EXPECT_EQ(codes(c.feed("EHLO m\r\nMAIL FROM:<a@b>\r\nAUTH PLAIN\r\n").replies),
            (Codes{250, 250, 503}));  // not inside a transaction
}

TEST(SmtpSessionScript, RequireTlsAndRequireAuthGive530) {
  auto o = tls_options();
  o.require_tls = true;
  o.require_auth = true;
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed("EHLO m\r\nMAIL FROM:<a@b>\r\nAUTH PLAIN " +
                    plain_credentials("meter", "s3cret") + "\r\nSTARTTLS\r\nMAIL FROM:<x@y>\r\n");
  // 530 before TLS, AUTH refused in plain text (538), and the command pipelined after
  // STARTTLS is dropped rather than run under TLS.
  EXPECT_EQ(codes(out.replies), (Codes{250, 530, 538, 220}));
  EXPECT_EQ(out.action, SessionAction::start_tls);
  out = s.tls_started();
  EXPECT_TRUE(out.replies.empty());
  // Everything learnt before TLS is forgotten: the client must greet again.
  out = s.feed("MAIL FROM:<a@b>\r\nEHLO m\r\nMAIL FROM:<a@b>\r\nAUTH PLAIN " +
               plain_credentials("meter", "s3cret") + "\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n" +
               "DATA\r\nsecure\r\n.\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{503, 250, 530, 235, 250, 250, 354}));
  ASSERT_EQ(out.action, SessionAction::deliver);
  EXPECT_TRUE(out.mail->tls);
  EXPECT_EQ(out.mail->authenticated, "meter");
  out = s.delivered(MailVerdict{});
  EXPECT_EQ(codes(s.feed("STARTTLS\r\n").replies), (Codes{503}));  // already on
}

TEST(SmtpSessionScript, StartTlsWhenNotConfigured) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  EXPECT_EQ(codes(s.feed("EHLO m\r\nSTARTTLS\r\n").replies), (Codes{250, 502}));
}

TEST(SmtpSessionScript, CommandsOutOfSequenceGive503) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed(
      "MAIL FROM:<a@b>\r\nHELO m\r\nRCPT TO:<c@d>\r\nDATA\r\nMAIL FROM:<a@b>\r\n"
      "DATA\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{503, 250, 503, 503, 250, 503, 503, 250, 354}));
}

TEST(SmtpSessionScript, RsetEndsTheTransactionButKeepsTheGreeting) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed(
      "EHLO m\r\nMAIL FROM:<old@b>\r\nRCPT TO:<old@d>\r\nRSET\r\nDATA\r\n"
      "MAIL FROM:<new@b>\r\nRCPT TO:<new@d>\r\nDATA\r\nx\r\n.\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{250, 250, 250, 250, 503, 250, 250, 354}));
  ASSERT_EQ(out.action, SessionAction::deliver);
  EXPECT_EQ(out.mail->mail_from, "new@b");
  EXPECT_EQ(out.mail->recipients, (std::vector<std::string>{"new@d"}));
}

TEST(SmtpSessionScript, OverlongCommandLineIsSkippedWith500) {
  auto o = plain_options();
  o.max_line_bytes = 64;
  SmtpSession s(o, "127.0.0.1");
  EXPECT_EQ(codes(s.feed("EHLO m\r\n").replies), (Codes{250}));
  // Fed in pieces with no LF: nothing is answered (nor buffered without bound) until the LF.
  for (int i = 0; i < 50; ++i)
    EXPECT_TRUE(s.feed("NOOP xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").replies.empty());
  auto out = s.feed("tail\r\nNOOP\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{500, 250}));
  // Whole in one packet, too.
  out = s.feed("NOOP " + std::string(100, 'y') + "\r\nNOOP\r\n");
  EXPECT_EQ(codes(out.replies), (Codes{500, 250}));
}

TEST(SmtpSessionScript, OverlongMessageLineRefusesTheMessage) {
  auto o = plain_options();
  o.max_line_bytes = 64;
  SmtpSession s(o, "127.0.0.1");
  auto out = s.feed("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nok\r\n");
  for (int i = 0; i < 10; ++i) s.feed(std::string(50, 'z'));  // one 500-byte line
  out = s.feed("\r\nmore\r\n.\r\nNOOP\r\n");
  EXPECT_EQ(out.action, SessionAction::read);
  EXPECT_EQ(codes(out.replies), (Codes{500, 250}));
}

TEST(SmtpSessionScript, SinkVerdictIsPassedThrough) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  const std::string txn = "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\n";
  auto out = s.feed("HELO m\r\n" + txn);
  ASSERT_EQ(out.action, SessionAction::deliver);
  out = s.delivered(MailVerdict{451, "Storage unavailable, try again later"});
  EXPECT_EQ(out.replies, "451 Storage unavailable, try again later\r\n");
  // The transaction is over whatever the verdict: the client starts again.
  out = s.feed("RCPT TO:<c@d>\r\n" + txn);
  EXPECT_EQ(codes(out.replies), (Codes{503, 250, 250, 354}));
  out = s.delivered(MailVerdict{554, "Refused\r\n250 forged"});
  EXPECT_EQ(out.replies, "554 Refused  250 forged\r\n");  // no reply line can be injected
  s.feed(txn);
  out = s.delivered(MailVerdict{99, "nonsense"});
  EXPECT_EQ(codes(out.replies), (Codes{451}));
}

TEST(SmtpSessionScript, TooManyErrorsCloseWith421) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  std::string script;
  for (std::size_t i = 0; i < SmtpSession::kMaxErrors + 3; ++i) script += "BOGUS\r\n";
  auto out = s.feed(script);
  Codes expected(SmtpSession::kMaxErrors, 500);
  expected.push_back(421);
  EXPECT_EQ(codes(out.replies), expected);
  EXPECT_EQ(out.action, SessionAction::close);
}

TEST(SmtpSessionScript, MiscellaneousCommands) {
  auto o = plain_options();
  SmtpSession s(o, "127.0.0.1");
  EXPECT_EQ(codes(s.feed("noop\r\nHELP\r\nVRFY root\r\nEXPN staff\r\nhelo m\n").replies),
            (Codes{250, 214, 252, 502, 250}));  // a bare LF ends a command line, too
  EXPECT_EQ(s.timed_out(), "421 headend.test Timeout, closing connection\r\n");
  EXPECT_TRUE(s.closed());
}

}  // namespace
}  // namespace jemhead::smtp
