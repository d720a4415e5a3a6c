// The "http" driver against a real HTTP server on loopback (the project's Beast server,
// net/http_server): listing, streamed downloads checked against the listed size, DELETE
// only when the profile allows it, and typed refusals (401/403 naming 'Read Power
// Quality' and never the password, 404, timeouts, a junk listing, nothing listening).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "drivers/protocol/pqdif_http/http_driver.hpp"
#include "drivers/protocol/pqdif_http/http_session.hpp"
#include "net/http_server.hpp"
#include "tests/unit/pqdif_pull/session_calls.hpp"

namespace jemhead::pqdif_http {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using drivers::RemoteFile;
using drivers::Session;
using namespace std::chrono_literals;

constexpr const char* kPassword = "s3cret-Pa55";

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A meter's web server: /pqdif listing (HTML with sizes, or `listing` when set), files,
// DELETE; user "pq" has 'Read Power Quality', user "viewer" has not.
class FakeMeterWeb {
 public:
  FakeMeterWeb() {
    net::HttpServerOptions options;
    server_ = std::make_unique<net::HttpServer>(
        io_, options, [this](const net::HttpRequest& r) { return handle(r); });
    server_->start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FakeMeterWeb() {
    server_->stop(1s);
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_->bound().front().port; }

  std::mutex mutex;
  std::map<std::string, std::string> files;
  std::map<std::string, std::size_t> listed_size;  // overrides the listed size
  std::string listing;                             // overrides the whole listing
  std::atomic<int> delay_ms{0};
  int deletes = 0;

 private:
  net::HttpResponse handle(const net::HttpRequest& r) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    std::lock_guard lock(mutex);
    net::HttpResponse out;
    out.content_type = "text/plain";
    const auto auth = r.header("authorization");
    if (auth == basic_authorization("viewer", kPassword)) {
      out.status = 403;
      out.body = "user 'viewer' lacks the Read Power Quality right\n";
      return out;
    }
    if (auth != basic_authorization("pq", kPassword)) {
      out.status = 401;
      out.body = "authentication required\n";
      return out;
    }
    if (r.path == "/pqdif") {
      if (!listing.empty()) {
        out.content_type = "application/octet-stream";
        out.body = listing;
        return out;
      }
      out.content_type = "text/html";
      out.body = "<html><table>\n";
      for (const auto& [name, bytes] : files) {
        auto it = listed_size.find(name);
        out.body += "<tr><td><a href=\"/pqdif/" + name + "\">" + name +
                    "</a></td><td>2026-01-02 00:00:00</td><td>" +
                    std::to_string(it == listed_size.end() ? bytes.size() : it->second) +
                    "</td></tr>\n";
      }
      out.body += "</table></html>\n";
      return out;
    }
    const auto name = r.path.substr(std::string("/pqdif/").size());
    auto it = files.find(name);
    if (!r.path.starts_with("/pqdif/") || it == files.end()) {
      out.status = 404;
      out.body = "no such file\n";
      return out;
    }
    if (r.method == "DELETE") {
      files.erase(it);
      ++deletes;
      out.status = 204;
      return out;
    }
    out.content_type = "application/octet-stream";
    out.body = it->second;
    return out;
  }

  asio::io_context io_;
  std::unique_ptr<net::HttpServer> server_;
  std::thread thread_;
};

using testing::pull::fetch;
using testing::pull::list;
using testing::pull::open_session;
using testing::pull::remove;
using testing::pull::run;

class HttpPullDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("jemhead-httppull-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  ConnectionProfile profile(const std::string& user, bool may_delete = false) {
    ConnectionProfile p;
    p.name = "web";
    p.protocol = Protocol::http;
    p.host = "127.0.0.1";
    p.port = web.port();
    p.timeout_ms = 2000;
    p.options_json = std::string(R"({"username":")") + user + R"(","password":")" + kPassword +
                     R"(","delete_after_retrieval":)" + (may_delete ? "true" : "false") + "}";
    return p;
  }
  std::unique_ptr<Session> open(const ConnectionProfile& p) {
    return run(io, open_session(&driver, p));
  }

  FakeMeterWeb web;
  HttpPullDriver driver;
  asio::io_context io;
  fs::path dir;
};

TEST_F(HttpPullDriverTest, ListsFetchesStreamedAndDeletes) {
  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) >> 3);
  web.files["142300003_1454408745_133724_07.pqd"] = big;
  web.files["142300003_1454408800_5_128.pqd"] = "small file";
  auto session = open(profile("pq", true));
  const auto files = run(io, list(session.get()));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].name, "142300003_1454408745_133724_07.pqd");
  EXPECT_EQ(files[0].size, std::optional<std::uint64_t>(big.size()));
  EXPECT_EQ(files[1].size, std::optional<std::uint64_t>(10));

  run(io, fetch(session.get(), files[0], dir / "a.part"));
  run(io, fetch(session.get(), files[1], dir / "b.part"));
  EXPECT_EQ(read_all(dir / "a.part"), big);
  EXPECT_EQ(read_all(dir / "b.part"), "small file");
  EXPECT_GE(session->bytes_transferred(), big.size() + 10);

  run(io, remove(session.get(), files[0]));
  EXPECT_EQ(web.deletes, 1);
  const auto after = run(io, list(session.get()));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].name, "142300003_1454408800_5_128.pqd");
  run(io, session->close());
}

TEST_F(HttpPullDriverTest, WrongPasswordIsAccessDeniedNamingTheRightNotThePassword) {
  auto p = profile("pq");
  p.options_json = R"({"username":"pq","password":"wrong-guess-77"})";
  auto session = open(p);
  try {
    run(io, list(session.get()));
    FAIL() << "listed without the right password";
  } catch (const drivers::AccessDenied& e) {
    const std::string text = e.what();
    EXPECT_EQ(e.kind(), "access_denied");
    EXPECT_NE(text.find("'Read Power Quality'"), std::string::npos) << text;
    EXPECT_NE(text.find("HTTP 401"), std::string::npos) << text;
    EXPECT_EQ(text.find("wrong-guess-77"), std::string::npos) << text;
  }
}

TEST_F(HttpPullDriverTest, UserWithoutTheRightIsAccessDenied) {
  auto session = open(profile("viewer"));
  try {
    run(io, list(session.get()));
    FAIL() << "listed without the right";
  } catch (const drivers::AccessDenied& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("user 'viewer'"), std::string::npos) << text;
    EXPECT_NE(text.find("HTTP 403"), std::string::npos) << text;
    EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
  }
}

TEST_F(HttpPullDriverTest, MissingFileIsNotPresentAndLeavesNoFile) {
  auto session = open(profile("pq"));
  EXPECT_THROW(run(io, fetch(session.get(), {"gone_1_0_1.pqd", 5, {}}, dir / "x.part")),
               drivers::NotPresent);
  EXPECT_FALSE(fs::exists(dir / "x.part"));
}

TEST_F(HttpPullDriverTest, SizeDifferentFromTheListingIsBadResponse) {
  web.files["a_1_0_1.pqd"] = "twelve bytes";
  web.listed_size["a_1_0_1.pqd"] = 10;
  auto session = open(profile("pq"));
  const auto files = run(io, list(session.get()));
  ASSERT_EQ(files.size(), 1u);
  try {
    run(io, fetch(session.get(), files[0], dir / "a.part"));
    FAIL() << "a short or long file was accepted";
  } catch (const drivers::BadResponse& e) {
    EXPECT_NE(std::string(e.what()).find("12 bytes received, the listing says 10"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "a.part"));
}

TEST_F(HttpPullDriverTest, DeleteRefusedUnlessTheProfileAllowsIt) {
  web.files["a_1_0_1.pqd"] = "x";
  auto session = open(profile("pq", false));
  EXPECT_THROW(run(io, remove(session.get(), {"a_1_0_1.pqd", 1, {}})), drivers::Refused);
  EXPECT_EQ(web.deletes, 0);
  EXPECT_EQ(web.files.size(), 1u);
}

TEST_F(HttpPullDriverTest, JunkListingIsBadResponse) {
  web.listing = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  auto session = open(profile("pq"));
  EXPECT_THROW(run(io, list(session.get())), drivers::BadResponse);
}

TEST_F(HttpPullDriverTest, SlowServerIsTimeout) {
  auto p = profile("pq");
  p.timeout_ms = 300;
  auto session = open(p);
  web.delay_ms = 1500;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(run(io, list(session.get())), drivers::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1400ms);
  web.delay_ms = 0;
}

TEST_F(HttpPullDriverTest, NothingListeningIsConnectionFailedAtOpen) {
  std::uint16_t port = 0;
  {
    asio::io_context probe;
    asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  auto p = profile("pq");
  p.port = port;
  EXPECT_THROW(open(p), drivers::ConnectionFailed);
}

TEST_F(HttpPullDriverTest, InvalidOptionsAreConfigurationErrorAtOpen) {
  auto p = profile("pq");
  p.options_json = R"({"scheme":"gopher"})";
  EXPECT_THROW(open(p), drivers::ConfigurationError);
}

TEST(HttpBasicAuthorization, EncodesAsRfc7617) {
  EXPECT_EQ(basic_authorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(basic_authorization("a", "b"), "Basic YTpi");
  EXPECT_EQ(basic_authorization("ab", "c"), "Basic YWI6Yw==");
}

}  // namespace
}  // namespace jemhead::pqdif_http
