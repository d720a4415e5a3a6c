// HttpServer over real loopback sockets: parsing, keep-alive, limits, timeouts, the
// worker pool, graceful stop and IPv6.
#include "net/http_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "net/http_client.hpp"
#include "tests/unit/net/raw_socket.hpp"
#include "tests/unit/net/server_runner.hpp"

namespace jemhead::net {
namespace {

using namespace std::chrono_literals;
using testing::RawSocket;
using testing::ServerRunner;

HttpResponse text(std::string body, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

HttpServerOptions loopback() {
  HttpServerOptions o;
  o.listen = {Endpoint{"127.0.0.1", 0}};
  return o;
}

TEST(HttpServer, BindsAnEphemeralPortAndDecodesTheRequest) {
  HttpRequest seen;
  std::mutex m;
  ServerRunner run(loopback(), [&](const HttpRequest& r) {
    std::lock_guard lock(m);
    seen = r;
    auto res = text("hello");
    res.headers.emplace_back("X-Extra", "42");
    return res;
  });
  ASSERT_EQ(run.server().bound().size(), 1u);
  EXPECT_EQ(run.address(), "127.0.0.1");
  EXPECT_NE(run.port(), 0);

  auto r = http_request("127.0.0.1", run.port(), "POST", "/a%20b/c?x=1&y=a+b&z=%26", "payload",
                        {{"X-Custom-Header", "Value"}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.header("x-extra"), "42");
  EXPECT_EQ(r.header("content-type"), "text/plain");
  std::lock_guard lock(m);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/a%20b/c?x=1&y=a+b&z=%26");
  EXPECT_EQ(seen.path, "/a b/c");
  EXPECT_EQ(seen.query.size(), 3u);
  EXPECT_EQ(seen.query["x"], "1");
  EXPECT_EQ(seen.query["y"], "a b");
  EXPECT_EQ(seen.query["z"], "&");
  EXPECT_EQ(seen.header("x-custom-header"), "Value");
  EXPECT_EQ(seen.headers.count("X-Custom-Header"), 0u);
  EXPECT_EQ(seen.body, "payload");
  EXPECT_EQ(seen.peer_address, "127.0.0.1");
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  ServerRunner run(loopback(), [&](const HttpRequest& r) {
    return text(r.path + "#" + std::to_string(++calls));
  });
  HttpConnection c("127.0.0.1", run.port());
  for (int i = 1; i <= 3; ++i) {
    auto r = c.request("GET", "/n" + std::to_string(i));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "/n" + std::to_string(i) + "#" + std::to_string(i));
    EXPECT_TRUE(c.is_open());
    EXPECT_EQ(run.server().active_connections(), 1u);
  }
  auto last = c.request("GET", "/bye", "", {{"Connection", "close"}});
  EXPECT_EQ(last.body, "/bye#4");
  EXPECT_FALSE(c.is_open());
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  ServerRunner run(loopback(), [](const HttpRequest& r) { return text(r.path); });
  RawSocket s("127.0.0.1", run.port());
  s.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
  auto got = s.read_until("/second", 5s);
  const auto first = got.find("/first");
  const auto second = got.find("/second");
  ASSERT_NE(first, std::string::npos) << got;
  ASSERT_NE(second, std::string::npos) << got;
  EXPECT_LT(first, second);
}

TEST(HttpServer, BodyOverTheLimitGets413AndTheHandlerNeverRuns) {
  auto options = loopback();
  options.body_limit = 1024;
  std::atomic<int> calls{0};
  ServerRunner run(options, [&](const HttpRequest&) {
    ++calls;
    return text("ok");
  });
  auto ok = http_request("127.0.0.1", run.port(), "POST", "/", std::string(1024, 'a'));
  EXPECT_EQ(ok.status, 200);
  auto big = http_request("127.0.0.1", run.port(), "POST", "/", std::string(64 * 1024, 'a'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.header("content-type"), "application/problem+json");
  EXPECT_NE(big.body.find("\"status\":413"), std::string::npos) << big.body;
  EXPECT_EQ(calls.load(), 1);
}

TEST(HttpServer, ChunkedBodyOverTheLimitGets413) {
  auto options = loopback();
  options.body_limit = 16;
  ServerRunner run(options, [](const HttpRequest&) { return text("ok"); });
  RawSocket s("127.0.0.1", run.port());
  s.send(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
  auto got = s.read_until("\r\n\r\n", 5s);
  EXPECT_EQ(got.rfind("HTTP/1.1 413", 0), 0u) << got;
}

TEST(HttpServer, Expect100ContinueGetsInterimResponseThenTheAnswer) {
  ServerRunner run(loopback(), [](const HttpRequest& r) { return text("got " + r.body); });
  RawSocket s("127.0.0.1", run.port());
  s.send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  auto interim = s.read_until("\r\n\r\n", 5s);
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << interim;
  s.clear();
  s.send("hello");
  auto final_response = s.read_until("got hello", 5s);
  EXPECT_EQ(final_response.rfind("HTTP/1.1 200 OK", 0), 0u) << final_response;
  EXPECT_NE(final_response.find("got hello"), std::string::npos);
}

TEST(HttpServer, Expect100ContinueOverTheLimitIsRefusedBeforeTheBody) {
  auto options = loopback();
  options.body_limit = 100;
  ServerRunner run(options, [](const HttpRequest&) { return text("ok"); });
  RawSocket s("127.0.0.1", run.port());
  s.send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
  auto got = s.read_until("\r\n\r\n", 5s);
  EXPECT_EQ(got.rfind("HTTP/1.1 413", 0), 0u) << got;
}

TEST(HttpServer, SlowClientIsDisconnectedAfterTheReadTimeout) {
  auto options = loopback();
  options.read_timeout = 300ms;
  std::atomic<int> calls{0};
  ServerRunner run(options, [&](const HttpRequest&) {
    ++calls;
    return text("ok");
  });
  RawSocket s("127.0.0.1", run.port());
  const auto started = std::chrono::steady_clock::now();
  s.send("GET /slow HTTP/1.1\r\nHost: x\r\n");  // headers never finished
  EXPECT_TRUE(s.wait_closed(5s));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 3s);
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  auto options = loopback();
  options.idle_timeout = 300ms;
  ServerRunner run(options, [](const HttpRequest&) { return text("ok"); });
  RawSocket s("127.0.0.1", run.port());
  s.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(s.read_until("ok", 5s).find("200 OK"), std::string::npos);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(s.wait_closed(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
}

TEST(HttpServer, MalformedRequestGets400) {
  ServerRunner run(loopback(), [](const HttpRequest&) { return text("ok"); });
  RawSocket s("127.0.0.1", run.port());
  s.send("THIS IS NOT HTTP\r\n\r\n");
  auto got = s.read_until("\r\n\r\n", 5s);
  EXPECT_EQ(got.rfind("HTTP/1.1 400", 0), 0u) << got;
}

TEST(HttpServer, OversizedHeadersGet431) {
  ServerRunner run(loopback(), [](const HttpRequest&) { return text("ok"); });
  auto r = http_request("127.0.0.1", run.port(), "GET", "/", "",
                        {{"X-Big", std::string(32 * 1024, 'h')}});
  EXPECT_EQ(r.status, 431);
}

TEST(HttpServer, HandlerExceptionGives500WithoutItsMessage) {
  ServerRunner run(loopback(), [](const HttpRequest&) -> HttpResponse {
    throw std::runtime_error("secret: /var/lib/jemhead/db password=hunter2");
  });
  auto r = http_request("127.0.0.1", run.port(), "GET", "/");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_NE(r.body.find("\"status\":500"), std::string::npos);
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
}

TEST(HttpServer, SlowHandlerDoesNotStallTheIoThread) {
  // One io thread, two workers: if handlers ran on the io thread, /fast would wait for /slow.
  auto options = loopback();
  options.handler_threads = 2;
  std::promise<void> slow_started;
  ServerRunner run(
      options,
      [&](const HttpRequest& r) {
        if (r.path == "/slow") {
          slow_started.set_value();
          std::this_thread::sleep_for(1500ms);
        }
        return text(r.path);
      },
      /*io_threads=*/1);
  auto slow = std::async(std::launch::async,
                         [&] { return http_request("127.0.0.1", run.port(), "GET", "/slow"); });
  slow_started.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  auto fast = http_request("127.0.0.1", run.port(), "GET", "/fast");
  EXPECT_EQ(fast.body, "/fast");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1000ms);
  EXPECT_EQ(slow.get().body, "/slow");
}

TEST(HttpServer, GracefulStopWaitsForTheInFlightResponse) {
  std::promise<void> handler_started;
  std::atomic<bool> handler_finished{false};
  ServerRunner run(loopback(), [&](const HttpRequest&) {
    handler_started.set_value();
    std::this_thread::sleep_for(800ms);
    handler_finished = true;
    return text("finished");
  });
  const auto port = run.port();
  auto in_flight =
      std::async(std::launch::async, [&] { return http_request("127.0.0.1", port, "GET", "/"); });
  handler_started.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  run.server().stop(5s);
  const auto stop_took = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(handler_finished.load());
  EXPECT_GE(stop_took, 500ms);
  EXPECT_LT(stop_took, 4s);
  auto r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "finished");
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_EQ(run.server().active_connections(), 0u);
  EXPECT_THROW(http_request("127.0.0.1", port, "GET", "/", "", {}, 1s), std::runtime_error);
}

TEST(HttpServer, GracefulStopClosesIdleConnectionsAtOnce) {
  ServerRunner run(loopback(), [](const HttpRequest&) { return text("ok"); });
  RawSocket idle("127.0.0.1", run.port());
  idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_NE(idle.read_until("ok", 5s).find("200 OK"), std::string::npos);
  const auto started = std::chrono::steady_clock::now();
  run.server().stop(10s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(idle.wait_closed(2s));
}

TEST(HttpServer, StopGivesUpOnAHandlerThatOutlivesTheGrace) {
  std::promise<void> handler_started;
  ServerRunner run(loopback(), [&](const HttpRequest&) {
    handler_started.set_value();
    std::this_thread::sleep_for(2500ms);
    return text("late");
  });
  auto in_flight = std::async(std::launch::async, [&] {
    try {
      return http_request("127.0.0.1", run.port(), "GET", "/").status;
    } catch (const std::runtime_error&) {
      return -1;  // the connection was closed under it, as it should be
    }
  });
  handler_started.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  run.server().stop(200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2400ms);
  EXPECT_EQ(in_flight.get(), -1);
}

TEST(HttpServer, FurtherConnectionsBeyondTheMaximumAreClosed) {
  auto options = loopback();
  options.max_connections = 1;
  ServerRunner run(options, [](const HttpRequest&) { return text("ok"); });
  HttpConnection first("127.0.0.1", run.port());
  EXPECT_EQ(first.request("GET", "/").status, 200);
  RawSocket second("127.0.0.1", run.port());
  second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(second.wait_closed(5s));
  EXPECT_EQ(second.received(), "");
  EXPECT_EQ(first.request("GET", "/").status, 200);
}

TEST(HttpServer, ServesOnIpv6Loopback) {
  HttpServerOptions options;
  options.listen = {Endpoint{"::1", 0}, Endpoint{"127.0.0.1", 0}};
  std::unique_ptr<ServerRunner> run;
  try {
    run = std::make_unique<ServerRunner>(options,
                                         [](const HttpRequest& r) { return text(r.peer_address); });
  } catch (const std::system_error& e) {
    GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
  }
  ASSERT_EQ(run->server().bound().size(), 2u);
  EXPECT_EQ(run->address(0), "::1");
  EXPECT_EQ(run->address(1), "127.0.0.1");
  EXPECT_EQ(http_request("::1", run->port(0), "GET", "/").body, "::1");
  EXPECT_EQ(http_request("127.0.0.1", run->port(1), "GET", "/").body, "127.0.0.1");
}

TEST(HttpServer, BindFailureNamesTheAddress) {
  ServerRunner first(loopback(), [](const HttpRequest&) { return text("ok"); });
  boost::asio::io_context io;
  HttpServerOptions options;
  options.listen = {Endpoint{"127.0.0.1", first.port()}};
  HttpServer second(io, options, [](const HttpRequest&) { return text("ok"); });
  try {
    second.start();
    FAIL() << "binding a port in use must fail";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << e.what();
  }
  HttpServerOptions bad;
  bad.listen = {Endpoint{"not-an-address", 0}};
  HttpServer third(io, bad, [](const HttpRequest&) { return text("ok"); });
  EXPECT_THROW(third.start(), std::system_error);
}

TEST(HttpClient, ConnectionFailureIsAClearError) {
  // Bind and close a server to get a port that nobody listens on.
  std::uint16_t port = 0;
  {
    ServerRunner run(loopback(), [](const HttpRequest&) { return text("ok"); });
    port = run.port();
  }
  try {
    http_request("127.0.0.1", port, "GET", "/");
    FAIL() << "expected a connection failure";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("cannot connect to 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << what;
  }
}

TEST(HttpClient, TimeoutIsReported) {
  std::promise<void> release;
  auto released = release.get_future().share();
  ServerRunner run(loopback(), [released](const HttpRequest&) {
    released.wait_for(3s);
    return text("late");
  });
  try {
    http_request("127.0.0.1", run.port(), "GET", "/", "", {}, 300ms);
    FAIL() << "expected a timeout";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
  }
  release.set_value();
}

TEST(ReasonPhrase, KnowsTheStatusesWeUse) {
  EXPECT_EQ(reason_phrase(404), "Not Found");
  EXPECT_EQ(reason_phrase(413), "Payload Too Large");
  EXPECT_EQ(reason_phrase(422), "Unprocessable Entity");
}

}  // namespace
}  // namespace jemhead::net
