#include "bench/alarms/load_result.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace jemhead::bench {

double LoadResult::latency_ms(double q) const {
  if (latencies_ms.empty()) return 0;
  std::vector<double> sorted = latencies_ms;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  const auto index = std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1);
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(index),
                   sorted.end());
  return sorted[index];
}

void LoadResult::record(bool ok, double latency_ms, const std::string& error) {
  if (ok) {
    ++acknowledged;
    latencies_ms.push_back(latency_ms);
    return;
  }
  ++refused;
  if (first_error.empty()) first_error = error;
}

void LoadResult::add(LoadResult&& other) {
  acknowledged += other.acknowledged;
  refused += other.refused;
  if (first_error.empty()) first_error = std::move(other.first_error);
  seconds = std::max(seconds, other.seconds);
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(), other.latencies_ms.end());
}

LoadResult run_clients(std::size_t clients, const std::function<LoadResult(std::size_t)>& client) {
  std::vector<LoadResult> shares(clients);
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < clients; ++c) threads.emplace_back([&, c] { shares[c] = client(c); });
  for (auto& t : threads) t.join();
  LoadResult total;
  for (auto& share : shares) total.add(std::move(share));
  return total;
}

}  // namespace jemhead::bench
