#pragma once
// SMTP load for the alarm benchmark: `clients` connections, each sending messages back to
// back for `duration` (MAIL, RCPT, DATA, the message, then the next on the same
// connection), every message made by `message_of(client, n)` (headers and body, CRLF line
// ends, no dot-stuffing needed: the bench's messages have no line starting with a dot).
// Latency: from the end-of-data dot to the server's 250.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "bench/alarms/load_result.hpp"

namespace jemhead::bench {

struct SmtpLoad {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::function<std::string(std::size_t client, std::size_t n)> message_of;
  std::size_t clients = 8;
  std::chrono::milliseconds duration{3000};
};

LoadResult run_smtp_load(const SmtpLoad& load);

}  // namespace jemhead::bench
