// The daemon wired for real: SQLite in a temp dir, the HTTP server on ephemeral loopback
// ports, requests over real sockets, then a graceful stop.
#include "service/daemon.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "net/http_client.hpp"
#include "service/config_loader.hpp"

namespace jemhead::service {
namespace {

namespace fs = std::filesystem;

// The SHA-256 of "secret", as in config/jemhead.example.yaml.
constexpr const char* kSecretDigest =
    "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";

class ServiceDaemon : public ::testing::Test {
 protected:
  fs::path dir_ =
      fs::temp_directory_path() / ("jemhead-daemon-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void TearDown() override { fs::remove_all(dir_); }

  Config config(const std::string& extra = {}) {
    const std::string yaml = "data_dir: " + (dir_ / "var").string() +
                             "\n"
                             "ready_file: " +
                             (dir_ / "run" / "jemhead.ready").string() +
                             "\n"
                             "api:\n"
                             "  listen: [\"127.0.0.1:0\", \"[::1]:0\"]\n"
                             "  tokens: [{name: t-admin, role: admin, sha256: \"" +
                             kSecretDigest + "\"}]\n" + extra;
    auto r = load_config_text(yaml, "daemon.yaml");
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string());
    return r.config;
  }

  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

// host and port out of "http://127.0.0.1:1234" / "http://[::1]:1234"
std::pair<std::string, std::uint16_t> split_url(const std::string& url) {
  std::string rest = url.substr(std::string("http://").size());
  const auto colon = rest.rfind(':');
  std::string host = rest.substr(0, colon);
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  return {host, static_cast<std::uint16_t>(std::stoi(rest.substr(colon + 1)))};
}

net::HttpResult get(const std::string& url, const std::string& path, bool with_token = true) {
  auto [host, port] = split_url(url);
  net::HttpHeaders headers;
  if (with_token) headers["authorization"] = "Bearer secret";
  return net::http_request(host, port, "GET", path, "", headers);
}

TEST_F(ServiceDaemon, ServesOnEveryListenerWritesReadyFileAndStopsCleanly) {
  Config c = config(
      "fleet:\n"
      "  meters: [{serial: \"4242\", connections: [{name: eth, host: 127.0.0.1}]}]\n");
  const fs::path ready = c.ready_file;
  Daemon daemon(c);
  daemon.start();

  ASSERT_TRUE(fs::exists(ready));
  auto doc = boost::json::parse(read(ready)).as_object();
  EXPECT_EQ(doc.at("pid").as_int64(), ::getpid());
  EXPECT_EQ(doc.at("version").as_string(), "0.1.0");
  const auto& urls = doc.at("api").as_array();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(std::string(urls[0].as_string()).rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(std::string(urls[1].as_string()).rfind("http://[::1]:", 0), 0u);
  EXPECT_EQ(daemon.api_urls().at(0), std::string(urls[0].as_string()));

  for (const auto& url : daemon.api_urls()) {
    EXPECT_EQ(get(url, "/health", false).status, 200) << url;
    EXPECT_EQ(get(url, "/api/v1/meters", false).status, 401) << url;
  }
  // The fleet from the configuration is in the database the API serves.
  auto meters = get(daemon.api_urls()[0], "/api/v1/meters");
  EXPECT_EQ(meters.status, 200) << meters.body;
  EXPECT_NE(meters.body.find("\"4242\""), std::string::npos) << meters.body;
  EXPECT_EQ(get(daemon.api_urls()[0], "/metrics").status, 200);

  std::thread stopper([&] { daemon.request_stop(); });
  const auto before = std::chrono::steady_clock::now();
  daemon.run_until_stopped(std::chrono::milliseconds(2000));
  stopper.join();
  // Nothing was in flight, so the stop does not sit out the grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(1000));
  EXPECT_FALSE(fs::exists(ready)) << "the ready file is removed on exit";
  EXPECT_TRUE(fs::exists(dir_ / "var" / "jemhead.db"));
  EXPECT_THROW(get(urls[0].as_string().c_str(), "/health", false), std::exception)
      << "nothing listens any more";
}

TEST_F(ServiceDaemon, MetricsCanBeSwitchedOff) {
  Daemon daemon(config("metrics: {enabled: false}\n"));
  daemon.start();
  auto r = get(daemon.api_urls()[0], "/metrics");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("metrics.enabled"), std::string::npos);
  daemon.request_stop();
  daemon.run_until_stopped(std::chrono::milliseconds(1000));
}

TEST_F(ServiceDaemon, SigtermStartsTheGracefulStop) {
  Config c = config();
  Daemon daemon(c);
  daemon.start();
  ASSERT_TRUE(fs::exists(c.ready_file));
  // The daemon's signal handler is installed by start(); without it this kills the test.
  ASSERT_EQ(std::raise(SIGTERM), 0);
  daemon.run_until_stopped(std::chrono::milliseconds(1000));
  EXPECT_FALSE(fs::exists(c.ready_file));
}

TEST_F(ServiceDaemon, PortInUseFailsStartWithoutReadyFile) {
  Daemon first(config());
  first.start();
  Config c = config();
  auto [host, port] = split_url(first.api_urls()[0]);
  c.api.listen = {net::Endpoint{host, port}};
  c.ready_file = (dir_ / "second.ready").string();
  c.data_dir = dir_ / "var2";
  {
    Daemon second(c);
    EXPECT_THROW(second.start(), std::exception);
  }
  EXPECT_FALSE(fs::exists(c.ready_file));
  first.request_stop();
  first.run_until_stopped(std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace jemhead::service
