// The SMTP server on 127.0.0.1 with a raw socket client: a transaction end to end, the
// 250 held back until the sink returns, timeouts that answer 421, the connection limit,
// a throwing sink, and stop().
#include "api/smtp/smtp_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "tests/unit/smtp/smtp_test_client.hpp"

namespace jemhead::smtp {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

int code_of(const std::string& reply) {
  return reply.size() >= 3 ? std::stoi(reply.substr(0, 3)) : 0;
}

class SmtpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options.listen = {net::Endpoint{"127.0.0.1", 0}};
    options.hostname = "headend.test";
  }
  void TearDown() override {
    server.reset();
    work.reset();
    io.stop();
    if (runner.joinable()) runner.join();
  }

  void start(MailSink sink) {
    server = std::make_unique<SmtpServer>(io, options, std::move(sink));
    server->start();
    runner = std::thread([this] { io.run(); });
  }
  std::uint16_t port() const { return server->bound().at(0).port; }

  MailSink recording_sink() {
    return [this](const ReceivedMail& mail) {
      std::lock_guard lock(mutex);
      received.push_back(mail);
      return MailVerdict{250, "stored"};
    };
  }

  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{
      io.get_executor()};
  std::thread runner;
  SmtpServerOptions options;
  std::unique_ptr<SmtpServer> server;
  std::mutex mutex;
  std::vector<ReceivedMail> received;
};

TEST_F(SmtpServerTest, PipelinedTransactionReachesTheSink) {
  start(recording_sink());
  RawClient client(port());
  EXPECT_EQ(client.reply(), "220 headend.test ESMTP jemhead\r\n");
  client.send(
      "EHLO meter\r\nMAIL FROM:<meter@plant>\r\nRCPT TO:<alarms@headend>\r\nDATA\r\n"
      "Subject: SS\r\n\r\n..sag\r\n.\r\nQUIT\r\n");
  std::vector<int> codes;
  for (int i = 0; i < 6; ++i) codes.push_back(code_of(client.reply()));
  EXPECT_EQ(codes, (std::vector<int>{250, 250, 250, 354, 250, 221}));
  EXPECT_TRUE(client.closed_by_server());
  std::lock_guard lock(mutex);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].raw, "Subject: SS\r\n\r\n.sag\r\n");
  EXPECT_EQ(received[0].mail_from, "meter@plant");
  EXPECT_EQ(received[0].recipients, (std::vector<std::string>{"alarms@headend"}));
  EXPECT_EQ(received[0].peer_address, "127.0.0.1");
  EXPECT_EQ(received[0].helo, "meter");
}

TEST_F(SmtpServerTest, AnswerWaitsForTheSinkVerdict) {
  std::promise<void> release;
  auto released = release.get_future().share();
  start([released](const ReceivedMail&) {
    released.wait();
    return MailVerdict{451, "Storage unavailable"};
  });
  RawClient client(port());
  ASSERT_EQ(code_of(client.reply()), 220);
  client.send("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\n");
  for (int i = 0; i < 4; ++i) client.reply();
  // While the sink holds on, no answer to the end of DATA.
  EXPECT_EQ(client.reply(400ms), "");
  release.set_value();
  EXPECT_EQ(client.reply(), "451 Storage unavailable\r\n");
}

TEST_F(SmtpServerTest, ThrowingSinkAsksTheClientToRetry) {
  start([](const ReceivedMail&) -> MailVerdict { throw std::runtime_error("database gone"); });
  RawClient client(port());
  client.reply();
  client.send("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\nNOOP\r\n");
  for (int i = 0; i < 4; ++i) client.reply();
  EXPECT_EQ(code_of(client.reply()), 451);
  EXPECT_EQ(code_of(client.reply()), 250);  // the connection lives on
}

TEST_F(SmtpServerTest, SilentClientGets421AfterTheCommandTimeout) {
  options.command_timeout = 300ms;
  start(recording_sink());
  RawClient client(port());
  ASSERT_EQ(code_of(client.reply()), 220);
  client.send("EHLO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(code_of(client.reply()), 250);
  const auto before = std::chrono::steady_clock::now();
  const auto reply = client.reply(5s);
  EXPECT_EQ(reply, "421 headend.test Timeout, closing connection\r\n");
  EXPECT_GE(std::chrono::steady_clock::now() - before, 250ms);
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_TRUE(received.empty());
}

TEST_F(SmtpServerTest, DataTimeoutBoundsTheWholeDataPhase) {
  // Each byte comes well within the command timeout, but DATA as a whole takes too long.
  options.command_timeout = 5s;
  options.data_timeout = 600ms;
  start(recording_sink());
  RawClient client(port());
  client.reply();
  client.send("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
  for (int i = 0; i < 4; ++i) client.reply();
  const auto before = std::chrono::steady_clock::now();
  std::string reply;
  for (int i = 0; i < 40 && reply.empty(); ++i) {
    try {
      client.send("slow line\r\n");
    } catch (const std::exception&) {
      break;
    }
    reply = client.reply(100ms);
  }
  if (reply.empty()) reply = client.reply(1s);
  EXPECT_EQ(reply, "421 headend.test Timeout, closing connection\r\n");
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_GE(took, 500ms);
  EXPECT_LT(took, 3s);
  EXPECT_TRUE(received.empty());
}

TEST_F(SmtpServerTest, ConnectionsBeyondTheLimitGet421) {
  options.max_connections = 2;
  start(recording_sink());
  auto first = std::make_unique<RawClient>(port());
  RawClient second(port());
  ASSERT_EQ(code_of(first->reply()), 220);
  ASSERT_EQ(code_of(second.reply()), 220);
  EXPECT_EQ(server->active_connections(), 2u);
  {
    RawClient third(port());
    EXPECT_EQ(third.reply(), "421 headend.test Too many connections, try again later\r\n");
    EXPECT_TRUE(third.closed_by_server());
  }
  EXPECT_EQ(server->active_connections(), 2u);
  first->send("QUIT\r\n");
  EXPECT_EQ(code_of(first->reply()), 221);
  first.reset();
  for (int i = 0; i < 200 && server->active_connections() != 1; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(server->active_connections(), 1u);
  RawClient fourth(port());
  EXPECT_EQ(code_of(fourth.reply()), 220);
}

TEST_F(SmtpServerTest, StopTellsIdleClients421AndFinishesMessagesUnderWay) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  bool first_call = true;
  start([&, released](const ReceivedMail& mail) {
    if (first_call) {
      first_call = false;
      entered.set_value();
      released.wait();
    }
    std::lock_guard lock(mutex);
    received.push_back(mail);
    return MailVerdict{250, "stored"};
  });
  RawClient idle(port());
  RawClient busy(port());
  ASSERT_EQ(code_of(idle.reply()), 220);
  ASSERT_EQ(code_of(busy.reply()), 220);
  busy.send("HELO m\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\n");
  for (int i = 0; i < 4; ++i) busy.reply();
  entered.get_future().wait();
  std::thread stopper([this] { server->stop(5s); });
  EXPECT_EQ(idle.reply(), "421 headend.test Service shutting down, closing connection\r\n");
  EXPECT_TRUE(idle.closed_by_server());
  release.set_value();
  EXPECT_EQ(busy.reply(), "250 stored\r\n");
  EXPECT_EQ(code_of(busy.reply()), 421);
  stopper.join();
  EXPECT_EQ(server->active_connections(), 0u);
  std::lock_guard lock(mutex);
  EXPECT_EQ(received.size(), 1u);
}

TEST_F(SmtpServerTest, UnreadableCertificateFailsStart) {
  options.certificate_file = "/nonexistent/cert.pem";
  options.private_key_file = "/nonexistent/key.pem";
  SmtpServer bad(io, options, recording_sink());
  EXPECT_THROW(bad.start(), std::runtime_error);
}

}  // namespace
}  // namespace jemhead::smtp
