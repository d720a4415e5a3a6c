// TlsLink against a real TLS echo server on loopback, with certificates generated at test
// time: verification on and off, host names, client certificates, deadlines.
#include "drivers/transport/tls_link.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/transport/loopback_peer.hpp"
#include "tests/unit/transport/run_awaitable.hpp"
#include "tests/unit/transport/test_certificate.hpp"
#include "tests/unit/transport/tls_echo_server.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using boost::asio::awaitable;
using testing::Runner;
using testing::TestCertificate;
using testing::TlsEchoServer;

struct Caught {
  std::error_code code;
  std::string what;
};

template <typename Body>
awaitable<Caught> catching(Body body) {
  try {
    co_await body();
  } catch (const TransportError& e) {
    co_return Caught{e.code(), e.what()};
  }
  co_return Caught{};
}

// Writes `message` and reads until as many bytes came back.
awaitable<std::string> echo(Link& link, std::string message) {
  co_await link.write_all(
      std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()),
      deadline_after(2s));
  std::string back;
  std::array<std::uint8_t, 1024> buffer{};
  while (back.size() < message.size()) {
    const auto n = co_await link.read_some(buffer, deadline_after(2s));
    if (n == 0) break;
    back.append(buffer.begin(), buffer.begin() + n);
  }
  co_return back;
}

class TlsLinkTest : public ::testing::Test {
 protected:
  TlsLinkOptions options(std::uint16_t port) {
    TlsLinkOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    o.connect_timeout = 3s;
    o.tls.ca_file = server_cert.certificate_file.string();
    return o;
  }

  TestCertificate server_cert{"jemhead-test-server"};
  TlsEchoServer server{{server_cert.certificate_file, server_cert.key_file, {}}};
  Runner runner;
};

TEST_F(TlsLinkTest, HandshakesWithVerificationAndEchoes) {
  TlsLink link(runner.executor(), options(server.port()));
  EXPECT_EQ(link.describe(), "tls 127.0.0.1:" + std::to_string(server.port()));
  runner.run(link.open());
  ASSERT_TRUE(link.is_open());
  const auto version = link.protocol_version();
  EXPECT_TRUE(version == "TLSv1.2" || version == "TLSv1.3") << version;
  EXPECT_NE(link.peer_subject().find("CN=jemhead-test-server"), std::string::npos)
      << link.peer_subject();

  const std::string message(1000, 'm');
  EXPECT_EQ(runner.run(echo(link, message)), message);
  const auto s = link.stats();
  EXPECT_EQ(s.opens, 1u);
  EXPECT_EQ(s.bytes_out, 1000u);
  EXPECT_EQ(s.bytes_in, 1000u);
  EXPECT_EQ(server.handshakes_completed(), 1);
}

TEST_F(TlsLinkTest, VerifiesTheHostNameGivenAsServerName) {
  auto good = options(server.port());
  good.tls.server_name = "localhost";  // in the certificate's subjectAltName
  TlsLink named(runner.executor(), good);
  runner.run(named.open());
  EXPECT_EQ(runner.run(echo(named, "sni")), "sni");

  auto wrong = options(server.port());
  wrong.tls.server_name = "meter7.example";  // not in the certificate
  TlsLink mismatched(runner.executor(), wrong);
  auto caught = runner.run(catching([&] { return mismatched.open(); }));
  EXPECT_EQ(caught.code, TransportErrc::tls_handshake_failed) << caught.what;
  EXPECT_NE(caught.what.find("hostname mismatch"), std::string::npos) << caught.what;
  EXPECT_FALSE(mismatched.is_open());
  EXPECT_EQ(mismatched.stats().open_failures, 1u);
}

TEST_F(TlsLinkTest, RejectsACertificateItDoesNotTrust) {
  TestCertificate other("someone-else");
  auto o = options(server.port());
  o.tls.ca_file = other.certificate_file.string();
  TlsLink link(runner.executor(), o);
  auto caught = runner.run(catching([&] { return link.open(); }));
  EXPECT_EQ(caught.code, TransportErrc::tls_handshake_failed);
  EXPECT_NE(caught.what.find("certificate verify failed (self-signed certificate)"),
            std::string::npos)
      << caught.what;
  EXPECT_NE(caught.what.find("tls 127.0.0.1:" + std::to_string(server.port())), std::string::npos);
}

TEST_F(TlsLinkTest, VerificationCanBeTurnedOff) {
  auto o = options(server.port());
  o.tls.ca_file.clear();
  o.tls.verify_peer = false;
  TlsLink link(runner.executor(), o);
  runner.run(link.open());
  EXPECT_EQ(runner.run(echo(link, "unverified")), "unverified");
}

TEST_F(TlsLinkTest, AReadTimeoutLeavesTheSessionUsable) {
  TlsLink link(runner.executor(), options(server.port()));
  runner.run(link.open());
  std::array<std::uint8_t, 16> buffer{};
  const auto started = Clock::now();
  EXPECT_EQ(runner.run(link.read_some(buffer, deadline_after(100ms))), 0u);
  EXPECT_GE(Clock::now() - started, 100ms);
  EXPECT_EQ(link.stats().read_timeouts, 1u);
  EXPECT_EQ(runner.run(echo(link, "still there")), "still there");
}

TEST_F(TlsLinkTest, ReportsRefusedConnectionsAndBadOptions) {
  const auto port = testing::unused_port();
  TlsLink link(runner.executor(), options(port));
  auto caught = runner.run(catching([&] { return link.open(); }));
  EXPECT_EQ(caught.code, TransportErrc::connection_refused);
  EXPECT_NE(caught.what.find("tls 127.0.0.1:" + std::to_string(port)), std::string::npos);

  auto missing_ca = options(server.port());
  missing_ca.tls.ca_file = "/nonexistent/ca.pem";
  try {
    TlsLink bad(runner.executor(), missing_ca);
    FAIL() << "a missing CA file was accepted";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.errc(), TransportErrc::invalid_options);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ca.pem"), std::string::npos);
  }
}

TEST(TlsLinkClientCertificate, PresentsItsCertificateWhenTheServerRequiresOne) {
  TestCertificate server_cert("jemhead-test-server");
  TestCertificate client_cert("jemhead-test-client");
  TlsEchoServer server(
      {server_cert.certificate_file, server_cert.key_file, client_cert.certificate_file});
  Runner runner;
  TlsLinkOptions o;
  o.host = "127.0.0.1";
  o.port = server.port();
  o.tls.ca_file = server_cert.certificate_file.string();
  o.tls.client_certificate_file = client_cert.certificate_file.string();
  o.tls.client_key_file = client_cert.key_file.string();

  TlsLink with_cert(runner.executor(), o);
  runner.run(with_cert.open());
  EXPECT_EQ(runner.run(echo(with_cert, "authenticated")), "authenticated");
  EXPECT_NE(server.last_client_subject().find("CN=jemhead-test-client"), std::string::npos);

  // Without one the server refuses. With TLS 1.3 the client may finish its side of the
  // handshake first and only learn it at the first read, so either step may fail.
  o.tls.client_certificate_file.clear();
  o.tls.client_key_file.clear();
  TlsLink without_cert(runner.executor(), o);
  auto caught = runner.run(catching([&]() -> awaitable<void> {
    co_await without_cert.open();
    const auto back = co_await echo(without_cert, "anonymous");
    if (back != "anonymous") throw TransportError(TransportErrc::io_error, "echo", "no echo");
  }));
  EXPECT_TRUE(caught.code) << "the server accepted a client without a certificate";
  // The server thread counts the failure after sending its alert: give it a moment.
  for (int i = 0; i < 100 && server.handshakes_failed() == 0; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(server.handshakes_failed(), 1);
}

}  // namespace
}  // namespace jemhead::transport
