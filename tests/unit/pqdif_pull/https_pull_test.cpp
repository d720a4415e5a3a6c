// The "http" driver over HTTPS (scheme https): the server's certificate is checked against
// ca_file and the host name by default, an untrusted one fails the connection, and
// verify_peer false accepts it.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <fstream>
#include <sstream>

#include "drivers/protocol/pqdif_http/http_driver.hpp"
#include "tests/unit/pqdif_pull/https_test_server.hpp"
#include "tests/unit/transport/test_certificate.hpp"

namespace jemhead::pqdif_http {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using drivers::RemoteFile;
using drivers::Session;

template <typename T>
T run(asio::awaitable<T> op) {
  asio::io_context io;
  auto done = asio::co_spawn(io, std::move(op), asio::use_future);
  io.run();
  return done.get();
}

// Opens, lists and fetches every file into `into`; returns the files' bytes by name.
asio::awaitable<std::map<std::string, std::string>> pull_all(ConnectionProfile profile,
                                                             fs::path into) {
  static const HttpPullDriver driver;
  auto ex = co_await asio::this_coro::executor;
  const Meter meter;
  auto opening = driver.open(meter, profile, ex);
  auto session = co_await std::move(opening);
  auto listing = session->list_pq_files();
  const auto files = co_await std::move(listing);
  std::map<std::string, std::string> out;
  for (const auto& f : files) {
    auto fetching = session->fetch_pq_file(f, into);
    co_await std::move(fetching);
    std::ifstream in(into, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    out[f.name] = bytes.str();
  }
  auto closing = session->close();
  co_await std::move(closing);
  co_return out;
}

class HttpsPull : public ::testing::Test {
 protected:
  ConnectionProfile profile(const std::string& tls_options) const {
    ConnectionProfile p;
    p.name = "web-tls";
    p.protocol = Protocol::http;
    p.transport = Transport::tls;
    p.host = "127.0.0.1";
    p.port = server.port();
    p.timeout_ms = 3000;
    p.options_json = "{\"scheme\":\"https\"" + tls_options + "}";
    return p;
  }

  transport::testing::TestCertificate certificate{"meter-web"};
  std::map<std::string, std::string> files{{"a_1_0_1.pqd", "over TLS"},
                                           {"b_1_0_2.pqd", std::string(100000, 'b')}};
  testing::HttpsTestServer server{certificate.certificate_file, certificate.key_file, files};
  fs::path into = certificate.directory / "download.part";
};

TEST_F(HttpsPull, TrustedCertificateFromCaFile) {
  const auto got = run(
      pull_all(profile(",\"ca_file\":\"" + certificate.certificate_file.string() + "\""), into));
  EXPECT_EQ(got, files);
  EXPECT_EQ(server.requests(), 3);
}

TEST_F(HttpsPull, UntrustedCertificateFailsTheConnection) {
  try {
    run(pull_all(profile(""), into));  // the system's trust store knows no test certificate
    FAIL() << "an untrusted certificate was accepted";
  } catch (const drivers::ConnectionFailed& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.requests(), 0);
}

TEST_F(HttpsPull, VerifyPeerFalseAcceptsAnyCertificate) {
  EXPECT_EQ(run(pull_all(profile(",\"verify_peer\":false"), into)), files);
}

}  // namespace
}  // namespace jemhead::pqdif_http
