#pragma once
// The baseline of the DLMS load-profile benchmark: the same exchange shape pushed through
// loopback TCP with blocking sockets and nothing else. Per meter one connection and as
// many request/response round trips as the real read made, each request and response a
// fixed number of bytes (the real ones' average); the responder answers every request
// without looking at it, the client counts the answer's bytes without decoding or storing
// them. Meters run concurrently, one client thread and one responder thread each.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jemhead::bench {

struct ExchangeShape {
  std::uint64_t round_trips = 0;
  std::size_t request_bytes = 0;   // each, at least 1
  std::size_t response_bytes = 0;  // each, at least 1
};

struct ReplayResult {
  double seconds = 0;  // from the first connect to the last connection closed
  std::uint64_t bytes = 0;
};

// One connection per entry, all at once. Throws on a socket error.
ReplayResult replay_over_loopback(const std::vector<ExchangeShape>& connections);

}  // namespace jemhead::bench
