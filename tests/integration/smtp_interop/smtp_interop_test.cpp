// Interop: our SMTP listener (in process, 127.0.0.1, ephemeral port) against independent
// SMTP clients -- swaks (plain, STARTTLS, AUTH PLAIN and LOGIN, an attachment) and Python's
// smtplib (STARTTLS + AUTH, several messages with a .pqd attached on one connection). The
// recording sink must hold exactly the messages sent: envelope, TLS/AUTH state, and the
// raw message with the body and the attachment's base64.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "api/smtp/smtp_server.hpp"
#include "core/digest/base64.hpp"
#include "core/digest/sha256.hpp"
#include "tests/integration/support/process.hpp"

namespace jemhead::smtp {
namespace {

using namespace std::chrono_literals;
using digest::base64_encode;
using jemhead::testing::Process;
using jemhead::testing::TempDir;

constexpr const char* kSwaks = "/usr/bin/swaks";
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kOpenssl = "/usr/bin/openssl";
constexpr const char* kPqdName = "140800001_1594577710_813931_06.pqd";

bool tools_available() {
  return std::filesystem::exists(kSwaks) && std::filesystem::exists(kPython) &&
         std::filesystem::exists(kOpenssl);
}

// The message with its line breaks removed: base64 wrapped at 76 columns then reads as one
// string, comparable with the encoding of the whole attachment.
std::string unwrapped(const std::string& raw) {
  std::string out;
  for (char c : raw)
    if (c != '\r' && c != '\n') out += c;
  return out;
}

// Bytes a PQDIF file might hold: every byte value, including CR, LF and '.'.
std::string pqdif_like_bytes() {
  std::string bytes;
  for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 131 + i / 7) & 0xff);
  return bytes;
}

class SmtpInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!tools_available()) GTEST_SKIP() << "swaks, python3 or openssl missing";
    Process openssl(
        {kOpenssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.file("key.pem"),
         "-out", dir.file("cert.pem"), "-days", "2", "-subj", "/CN=localhost"},
        dir.file("openssl.log"));
    ASSERT_EQ(openssl.wait(60s), 0) << openssl.log();
    jemhead::testing::write_file(dir.file(kPqdName), attachment);
    options.listen = {net::Endpoint{"127.0.0.1", 0}};
    options.hostname = "headend.test";
    options.certificate_file = dir.file("cert.pem");
    options.private_key_file = dir.file("key.pem");
    options.users = {SmtpUser{"meter", digest::sha256_hex("s3cret")}};
  }
  void TearDown() override {
    server.reset();
    work.reset();
    io.stop();
    if (runner.joinable()) runner.join();
  }

  void start() {
    server = std::make_unique<SmtpServer>(io, options, [this](const ReceivedMail& mail) {
      std::lock_guard lock(mutex);
      received.push_back(mail);
      return MailVerdict{250, "stored"};
    });
    server->start();
    runner = std::thread([this] { io.run(); });
  }

  std::vector<std::string> swaks_args(std::vector<std::string> extra) {
    std::vector<std::string> argv{kSwaks,
                                  "--server",
                                  "127.0.0.1",
                                  "--port",
                                  std::to_string(server->bound().at(0).port),
                                  "--helo",
                                  "meter-7",
                                  "--from",
                                  "meter@plant.example",
                                  "--to",
                                  "alarms@headend.example,ops@headend.example",
                                  "--timeout",
                                  "20"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }

  // Runs a client to completion; its exit code.
  int run(std::vector<std::string> argv, const std::string& log_name) {
    Process p(std::move(argv), dir.file(log_name));
    const auto rc = p.wait(60s);
    last_log = p.log();
    return rc.value_or(-1);
  }

  std::vector<ReceivedMail> mails() {
    std::lock_guard lock(mutex);
    return received;
  }

  TempDir dir;
  const std::string attachment = pqdif_like_bytes();
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{
      io.get_executor()};
  std::thread runner;
  SmtpServerOptions options;
  std::unique_ptr<SmtpServer> server;
  std::mutex mutex;
  std::vector<ReceivedMail> received;
  std::string last_log;
};

const std::vector<std::string> kBothRecipients{"alarms@headend.example", "ops@headend.example"};

TEST_F(SmtpInteropTest, SwaksPlainMessageWithDotLines) {
  start();
  jemhead::testing::write_file(dir.file("body.txt"),
                               "{\"EventType\": \"OU\"}\r\n.dot line\r\n..two dots\r\nend\r\n");
  ASSERT_EQ(run(swaks_args({"--header", "Subject: OU alarm", "--body", "@" + dir.file("body.txt")}),
                "swaks-plain.log"),
            0)
      << last_log;
  const auto got = mails();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mail_from, "meter@plant.example");
  EXPECT_EQ(got[0].recipients, kBothRecipients);
  EXPECT_EQ(got[0].helo, "meter-7");
  EXPECT_FALSE(got[0].tls);
  EXPECT_EQ(got[0].authenticated, "");
  EXPECT_NE(got[0].raw.find("Subject: OU alarm\r\n"), std::string::npos) << got[0].raw;
  // swaks stuffed the dots; the sink sees the lines as written.
  EXPECT_NE(got[0].raw.find("\r\n{\"EventType\": \"OU\"}\r\n.dot line\r\n..two dots\r\nend\r\n"),
            std::string::npos)
      << got[0].raw;
}

TEST_F(SmtpInteropTest, SwaksStartTlsAuthPlain) {
  start();
  ASSERT_EQ(run(swaks_args({"--tls", "--auth", "PLAIN", "--auth-user", "meter", "--auth-password",
                            "s3cret", "--body", "plain over tls"}),
                "swaks-plain-auth.log"),
            0)
      << last_log;
  const auto got = mails();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].tls);
  EXPECT_EQ(got[0].authenticated, "meter");
  EXPECT_EQ(got[0].recipients, kBothRecipients);
  EXPECT_NE(got[0].raw.find("plain over tls"), std::string::npos) << got[0].raw;
}

TEST_F(SmtpInteropTest, SwaksStartTlsAuthLoginWithAttachment) {
  start();
  ASSERT_EQ(run(swaks_args({"--tls", "--auth", "LOGIN", "--auth-user", "meter", "--auth-password",
                            "s3cret", "--body", "PQDIF attached", "--attach-name", kPqdName,
                            "--attach", "@" + dir.file(kPqdName)}),
                "swaks-login-attach.log"),
            0)
      << last_log;
  const auto got = mails();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].tls);
  EXPECT_EQ(got[0].authenticated, "meter");
  EXPECT_NE(got[0].raw.find(kPqdName), std::string::npos);
  EXPECT_NE(got[0].raw.find("PQDIF attached"), std::string::npos);
  EXPECT_NE(unwrapped(got[0].raw).find(base64_encode(attachment)), std::string::npos) << got[0].raw;
}

TEST_F(SmtpInteropTest, SwaksWrongPasswordDeliversNothing) {
  start();
  EXPECT_NE(run(swaks_args({"--tls", "--auth", "LOGIN", "--auth-user", "meter", "--auth-password",
                            "guess"}),
                "swaks-bad-auth.log"),
            0);
  EXPECT_NE(last_log.find("535"), std::string::npos) << last_log;
  EXPECT_TRUE(mails().empty());
}

TEST_F(SmtpInteropTest, SwaksPolicyRequiresTlsAndAuth) {
  options.require_tls = true;
  options.require_auth = true;
  start();
  // Plain text: MAIL is refused with 530.
  EXPECT_NE(run(swaks_args({"--body", "refused"}), "swaks-no-tls.log"), 0);
  EXPECT_NE(last_log.find("530"), std::string::npos) << last_log;
  // TLS without AUTH: still 530.
  EXPECT_NE(run(swaks_args({"--tls", "--body", "refused"}), "swaks-no-auth.log"), 0);
  EXPECT_NE(last_log.find("530"), std::string::npos) << last_log;
  EXPECT_TRUE(mails().empty());
  ASSERT_EQ(run(swaks_args({"--tls", "--auth", "PLAIN", "--auth-user", "meter", "--auth-password",
                            "s3cret", "--body", "accepted"}),
                "swaks-tls-auth.log"),
            0)
      << last_log;
  const auto got = mails();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].raw.find("accepted"), std::string::npos);
}

TEST_F(SmtpInteropTest, PythonSmtplibSeveralMessagesWithPqdifOnOneConnection) {
  start();
  const auto script = std::string(JEMHEAD_SMTP_INTEROP_DIR) + "/smtplib_client.py";
  for (const std::string mechanism : {"", "LOGIN"}) {
    {
      std::lock_guard lock(mutex);
      received.clear();
    }
    ASSERT_EQ(run({kPython, script, std::to_string(server->bound().at(0).port), "meter", "s3cret",
                   dir.file(kPqdName), "3", mechanism},
                  "smtplib.log"),
              0)
        << last_log;
    const auto got = mails();
    ASSERT_EQ(got.size(), 3u) << mechanism;
    const auto encoded = base64_encode(attachment);
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].mail_from, "meter@plant.example");
      EXPECT_EQ(got[i].recipients, kBothRecipients);
      EXPECT_EQ(got[i].helo, "meter-py");
      EXPECT_TRUE(got[i].tls);
      EXPECT_EQ(got[i].authenticated, "meter");
      EXPECT_NE(got[i].raw.find("Subject: PQD alarm " + std::to_string(i) + "\r\n"),
                std::string::npos)
          << got[i].raw;
      EXPECT_NE(got[i].raw.find("\"Sequence\": " + std::to_string(i)), std::string::npos);
      EXPECT_NE(got[i].raw.find(kPqdName), std::string::npos);
      EXPECT_NE(unwrapped(got[i].raw).find(encoded), std::string::npos);
    }
  }
}

TEST_F(SmtpInteropTest, PythonSmtplibWrongPasswordIsRefused) {
  start();
  const auto script = std::string(JEMHEAD_SMTP_INTEROP_DIR) + "/smtplib_client.py";
  EXPECT_EQ(run({kPython, script, std::to_string(server->bound().at(0).port), "meter", "guess",
                 dir.file(kPqdName), "1"},
                "smtplib-bad.log"),
            3)
      << last_log;
  EXPECT_TRUE(mails().empty());
}

}  // namespace
}  // namespace jemhead::smtp
