#pragma once
// HTTP load for the alarm benchmark: `clients` keep-alive connections, each sending POSTs
// back to back for `duration`, every request's body made by `body_of(client, n)` so each
// alarm is distinct (a repeated one would be merged, not stored).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "bench/alarms/load_result.hpp"

namespace jemhead::bench {

struct HttpLoad {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string target;        // "/ingest/web-alarm"
  std::string content_type;  // "application/json", "multipart/form-data; boundary=..."
  std::function<std::string(std::size_t client, std::size_t n)> body_of;
  std::size_t clients = 8;
  std::chrono::milliseconds duration{3000};
};

LoadResult run_http_load(const HttpLoad& load);

}  // namespace jemhead::bench
