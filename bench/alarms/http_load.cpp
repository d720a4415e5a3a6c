#include "bench/alarms/http_load.hpp"

#include <exception>

#include "net/http_client.hpp"

namespace jemhead::bench {

namespace {

using Clock = std::chrono::steady_clock;

LoadResult one_client(const HttpLoad& load, std::size_t client, Clock::time_point end) {
  LoadResult result;
  const auto start = Clock::now();
  try {
    net::HttpConnection connection(load.host, load.port, std::chrono::seconds(30));
    const net::HttpHeaders headers{{"Content-Type", load.content_type}};
    for (std::size_t n = 0; Clock::now() < end; ++n) {
      const std::string body = load.body_of(client, n);
      const auto sent = Clock::now();
      const auto reply = connection.request("POST", load.target, body, headers);
      const auto answered = Clock::now();
      const bool ok = reply.status >= 200 && reply.status < 300;
      result.record(
          ok, std::chrono::duration<double, std::milli>(answered - sent).count(),
          ok ? std::string() : "HTTP " + std::to_string(reply.status) + ": " + reply.body);
    }
  } catch (const std::exception& e) {
    ++result.refused;
    result.first_error = e.what();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace

LoadResult run_http_load(const HttpLoad& load) {
  const auto end = Clock::now() + load.duration;
  return run_clients(load.clients, [&](std::size_t c) { return one_client(load, c, end); });
}

}  // namespace jemhead::bench
