#pragma once
// The API's Prometheus metrics: requests by method/route/status, request latency, and the
// storage write counters (from Repository::stats(), brought up to date at each scrape).
// Route labels are path templates, never raw paths, so the label set stays bounded.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "storage/repository.hpp"

namespace prometheus {
class Registry;
class Counter;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace jemhead::api {

class ApiMetrics {
 public:
  explicit ApiMetrics(std::shared_ptr<prometheus::Registry> registry);
  ~ApiMetrics();

  void observe_request(const std::string& method, const std::string& route, int status,
                       double seconds);
  // The Prometheus text exposition of the whole registry, storage counters refreshed.
  std::string scrape(const storage::StorageStats& stats);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Counter& db_transactions_;
  prometheus::Counter& db_rollbacks_;
  prometheus::Counter& db_rows_;
  prometheus::Counter& db_busy_retries_;

  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, prometheus::Counter*> request_counters_;
  std::map<std::pair<std::string, std::string>, prometheus::Histogram*> latency_histograms_;
  storage::StorageStats last_stats_{};
};

}  // namespace jemhead::api
