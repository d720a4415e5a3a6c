// HttpServer over TLS (HTTPS for the web-alarm receiver, issue 7): our own client and curl
// as an independent peer, the three client-certificate modes, bad certificate files,
// Expect: 100-continue with a large body, timeouts and a graceful stop with close_notify.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "tests/unit/net/raw_socket.hpp"
#include "tests/unit/net/server_runner.hpp"
#include "tests/unit/net/test_pki.hpp"

namespace jemhead::net {
namespace {

using namespace std::chrono_literals;
using testing::RawSocket;
using testing::ServerRunner;
using testing::TestPki;

constexpr const char* kMeterSubject = "CN=meter-1,O=Utility";

class TempDir {
 public:
  TempDir() {
    auto pattern = (std::filesystem::temp_directory_path() / "jemhead-https-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error(std::string("cannot write ") + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Two CAs: "ca" signs the server and meter-1; "rogue-ca" signs an impostor with the same
// subject, which the server must refuse.
class HttpsServerTest : public ::testing::Test {
 protected:
  HttpsServerTest() : pki(dir.path()) {
    ca = pki.make_ca("ca");
    server = pki.make_server("server", "ca");
    meter = pki.make_client("meter-1", "meter-1", "ca");
    pki.make_ca("rogue-ca");
    impostor = pki.make_client("impostor", "meter-1", "rogue-ca");
  }

  HttpServerOptions options(ClientCertificates mode) const {
    HttpServerOptions o;
    o.listen = {Endpoint{"127.0.0.1", 0}};
    TlsServerOptions tls;
    tls.certificate_file = server.certificate_file;
    tls.private_key_file = server.key_file;
    tls.client_certificates = mode;
    if (mode != ClientCertificates::none) tls.client_ca_file = ca.certificate_file;
    o.tls = tls;
    return o;
  }

  // Answers with what the server learned about the transport; keeps the last request.
  HttpHandler echo() {
    return [this](const HttpRequest& r) {
      std::lock_guard lock(mutex);
      last = r;
      ++calls;
      HttpResponse res;
      res.content_type = "text/plain";
      res.body = std::string(r.tls ? "tls" : "plain") + "|" + r.client_certificate_subject + "|" +
                 std::to_string(r.body.size());
      return res;
    };
  }

  struct CurlResult {
    int exit_code = -1;
    std::string http_code;  // "200", or "000" when there was no HTTP answer
    std::string body;
    std::string trace;  // curl -v output
  };

  // curl as an independent TLS peer. `client` = {} presents no certificate.
  CurlResult curl(std::uint16_t port, const std::optional<TestPki::Issued>& client,
                  const std::string& extra = {}) {
    const auto body_file = dir.file("curl-body");
    const auto trace_file = dir.file("curl-trace");
    std::string command = "curl -sS -v --noproxy '*' --max-time 20 --cacert '";
    command += ca.certificate_file;
    command += "'";
    if (client) {
      command += " --cert '";
      command += client->certificate_file;
      command += "' --key '";
      command += client->key_file;
      command += "'";
    }
    command += " -o '";
    command += body_file;
    command += "' -w '%{http_code}' ";
    command += extra;
    command += " https://127.0.0.1:";
    command += std::to_string(port);
    command += "/ingest/web-alarm 2>'";
    command += trace_file;
    command += "'";
    std::remove(body_file.c_str());
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("popen failed");
    CurlResult result;
    char chunk[256];
    while (auto n = std::fread(chunk, 1, sizeof chunk, pipe)) result.http_code.append(chunk, n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.body = read_file(body_file);
    result.trace = read_file(trace_file);
    return result;
  }

  TempDir dir;
  TestPki pki;
  TestPki::Issued ca, server, meter, impostor;
  std::mutex mutex;
  HttpRequest last;
  int calls = 0;
};

TEST_F(HttpsServerTest, HttpConnectionGetsAnswersOverTlsWithKeepAlive) {
  ServerRunner run(options(ClientCertificates::none), echo());
  HttpTls tls;
  tls.ca_file = ca.certificate_file;
  HttpConnection c("127.0.0.1", run.port(), 5s, tls);
  for (int i = 0; i < 2; ++i) {
    const auto r = c.request("GET", "/status?n=" + std::to_string(i));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "tls||0");
    EXPECT_TRUE(c.is_open());
  }
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(last.tls);
  EXPECT_EQ(last.path, "/status");
  EXPECT_EQ(last.query.at("n"), "1");
  EXPECT_EQ(last.peer_address, "127.0.0.1");
}

TEST_F(HttpsServerTest, ClientThatDoesNotTrustTheServerGivesUp) {
  ServerRunner run(options(ClientCertificates::none), echo());
  HttpTls tls;
  tls.ca_file = pki.make_ca("unrelated-ca").certificate_file;
  EXPECT_THROW(HttpConnection("127.0.0.1", run.port(), 5s, tls), std::runtime_error);
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 0);
}

TEST_F(HttpsServerTest, PlainHttpOnTheTlsPortIsNotServed) {
  ServerRunner run(options(ClientCertificates::none), echo());
  EXPECT_THROW(http_request("127.0.0.1", run.port(), "GET", "/", "", {}, 3s), std::runtime_error);
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 0);
}

TEST_F(HttpsServerTest, NoneModeDoesNotAskForAClientCertificate) {
  ServerRunner run(options(ClientCertificates::none), echo());
  const auto r = curl(run.port(), meter);
  EXPECT_EQ(r.exit_code, 0) << r.trace;
  EXPECT_EQ(r.http_code, "200");
  EXPECT_EQ(r.body, "tls||0");
}

TEST_F(HttpsServerTest, RequiredModeRefusesAClientWithoutCertificate) {
  ServerRunner run(options(ClientCertificates::required), echo());
  const auto refused = curl(run.port(), std::nullopt);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.http_code, "000") << refused.trace;
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(calls, 0);
  }
  const auto accepted = curl(run.port(), meter);
  EXPECT_EQ(accepted.exit_code, 0) << accepted.trace;
  EXPECT_EQ(accepted.http_code, "200");
  EXPECT_EQ(accepted.body, std::string("tls|") + kMeterSubject + "|0");
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(last.client_certificate_subject, kMeterSubject);
}

TEST_F(HttpsServerTest, RequiredModeRefusesACertificateFromAnotherCa) {
  ServerRunner run(options(ClientCertificates::required), echo());
  const auto r = curl(run.port(), impostor);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.http_code, "000") << r.trace;
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 0);
}

TEST_F(HttpsServerTest, OptionalModeAcceptsBothAndReportsOnlyTheVerifiedSubject) {
  ServerRunner run(options(ClientCertificates::optional), echo());
  const auto anonymous = curl(run.port(), std::nullopt);
  EXPECT_EQ(anonymous.exit_code, 0) << anonymous.trace;
  EXPECT_EQ(anonymous.http_code, "200");
  EXPECT_EQ(anonymous.body, "tls||0");

  const auto verified = curl(run.port(), meter);
  EXPECT_EQ(verified.exit_code, 0) << verified.trace;
  EXPECT_EQ(verified.http_code, "200");
  EXPECT_EQ(verified.body, std::string("tls|") + kMeterSubject + "|0");

  // Presented but not verifiable: the handshake fails rather than the request going on
  // as anonymous, so a misconfigured meter is noticed.
  const auto rogue = curl(run.port(), impostor);
  EXPECT_NE(rogue.exit_code, 0);
  EXPECT_EQ(rogue.http_code, "000") << rogue.trace;
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 2);
}

TEST_F(HttpsServerTest, Expect100ContinueWithA600KbBodyOverTls) {
  ServerRunner run(options(ClientCertificates::optional), echo());
  std::string payload(600 * 1024, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i)
    payload[i] = static_cast<char>('A' + (i * 7919) % 26);
  const auto payload_file = dir.file("payload.pqd");
  write_file(payload_file, payload);
  std::string post = "-H 'Expect: 100-continue' -H 'Content-Type: application/octet-stream' ";
  post += "--data-binary '@";
  post += payload_file;
  post += "'";
  const auto r = curl(run.port(), meter, post);
  EXPECT_EQ(r.exit_code, 0) << r.trace;
  EXPECT_EQ(r.http_code, "200");
  EXPECT_NE(r.trace.find("< HTTP/1.1 100 Continue"), std::string::npos) << r.trace;
  EXPECT_EQ(r.body, std::string("tls|") + kMeterSubject + "|" + std::to_string(payload.size()));
  std::lock_guard lock(mutex);
  EXPECT_EQ(last.method, "POST");
  EXPECT_TRUE(last.body == payload);
}

TEST_F(HttpsServerTest, BodyOverTheLimitGets413OverTls) {
  auto o = options(ClientCertificates::none);
  o.body_limit = 64 * 1024;
  ServerRunner run(o, echo());
  const auto payload_file = dir.file("too-big.pqd");
  write_file(payload_file, std::string(600 * 1024, 'x'));
  std::string post = "-H 'Expect: 100-continue' --data-binary '@";
  post += payload_file;
  post += "'";
  const auto r = curl(run.port(), std::nullopt, post);
  EXPECT_EQ(r.http_code, "413") << r.trace;
  EXPECT_NE(r.body.find("65536"), std::string::npos) << r.body;
  EXPECT_EQ(r.trace.find("100 Continue"), std::string::npos);
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 0);
}

TEST_F(HttpsServerTest, BadCertificateFilesMakeStartThrowNamingTheFile) {
  boost::asio::io_context io;
  const auto start_error = [&](const HttpServerOptions& o) -> std::string {
    HttpServer s(io, o, echo());
    try {
      s.start();
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  };
  const auto garbage = dir.file("garbage.pem");
  write_file(garbage,
             "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
  const auto missing = dir.file("missing.pem");

  auto o = options(ClientCertificates::none);
  o.tls->certificate_file = missing;
  EXPECT_NE(start_error(o).find(missing), std::string::npos);

  o = options(ClientCertificates::none);
  o.tls->certificate_file = garbage;
  EXPECT_NE(start_error(o).find(garbage), std::string::npos);

  o = options(ClientCertificates::none);
  o.tls->private_key_file = garbage;
  EXPECT_NE(start_error(o).find(garbage), std::string::npos);

  o = options(ClientCertificates::none);
  o.tls->private_key_file = meter.key_file;  // someone else's key
  EXPECT_NE(start_error(o).find(meter.key_file), std::string::npos);

  o = options(ClientCertificates::required);
  o.tls->client_ca_file = missing;
  EXPECT_NE(start_error(o).find(missing), std::string::npos);

  o = options(ClientCertificates::optional);
  o.tls->client_ca_file.clear();
  EXPECT_NE(start_error(o).find("client CA"), std::string::npos);

  // And the good files do start.
  EXPECT_EQ(start_error(options(ClientCertificates::required)), "");
}

TEST_F(HttpsServerTest, SilentClientIsDroppedAfterTheHandshakeTimeout) {
  auto o = options(ClientCertificates::none);
  o.read_timeout = 300ms;
  ServerRunner run(o, echo());
  RawSocket silent("127.0.0.1", run.port());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(silent.wait_closed(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

// A raw TLS client, to see how the server ends the session.
TEST_F(HttpsServerTest, GracefulStopSendsCloseNotifyToAnIdleTlsClient) {
  namespace asio = boost::asio;
  namespace ssl = asio::ssl;
  ServerRunner run(options(ClientCertificates::none), echo());

  asio::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(ca.certificate_file);
  context.set_verify_mode(ssl::verify_peer);
  ssl::stream<asio::ip::tcp::socket> stream(io, context);
  stream.next_layer().connect(
      {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(run.port())});
  stream.handshake(ssl::stream_base::client);
  const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(stream, asio::buffer(request));
  std::string response;
  std::array<char, 4096> chunk{};
  while (response.find("tls||0") == std::string::npos) {
    response.append(chunk.data(), stream.read_some(asio::buffer(chunk)));
  }
  ASSERT_NE(response.find("200 OK"), std::string::npos);
  ASSERT_EQ(run.server().active_connections(), 1u);

  std::atomic<bool> stopped{false};
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper([&] {
    run.server().stop(10s);
    stopped = true;
  });
  boost::system::error_code ec;
  stream.read_some(asio::buffer(chunk), ec);
  // eof from an SSL stream means close_notify arrived (a bare FIN is stream_truncated).
  EXPECT_EQ(ec, asio::error::eof) << ec.message();
  stream.shutdown(ec);  // our close_notify, which the server waits for
  stopper.join();
  EXPECT_TRUE(stopped.load());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(run.server().active_connections(), 0u);
}

}  // namespace
}  // namespace jemhead::net
