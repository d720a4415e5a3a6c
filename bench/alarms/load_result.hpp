#pragma once
// What one load run measured: how many requests were acknowledged, in how long, and the
// acknowledgement latency of each (from the last byte sent to the answer read).
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace jemhead::bench {

struct LoadResult {
  std::size_t acknowledged = 0;  // 2xx / 250 answers
  std::size_t refused = 0;       // any other answer or a broken connection
  std::string first_error;
  double seconds = 0;
  std::vector<double> latencies_ms;  // one per acknowledged request

  double per_second() const { return seconds > 0 ? acknowledged / seconds : 0; }
  // The q-quantile (0.5, 0.99) of the latencies; 0 when there are none.
  double latency_ms(double q) const;
  // One request's outcome: acknowledged with its latency, or refused (the first refusal's
  // reason is kept).
  void record(bool ok, double latency_ms, const std::string& error);
  // Merges another client's share of the same run (seconds: the longest).
  void add(LoadResult&& other);
};

// Runs `client(c)` for c = 0 .. clients-1, each on its own thread, and merges their shares.
LoadResult run_clients(std::size_t clients, const std::function<LoadResult(std::size_t)>& client);

}  // namespace jemhead::bench
