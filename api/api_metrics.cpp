#include "api/api_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace jemhead::api {

namespace {

std::shared_ptr<prometheus::Registry> or_new(std::shared_ptr<prometheus::Registry> r) {
  return r ? std::move(r) : std::make_shared<prometheus::Registry>();
}

prometheus::Counter& counter(prometheus::Registry& r, const std::string& name,
                             const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r).Add({});
}

// Counters only go up: add what the repository counted since the last scrape.
void advance(prometheus::Counter& c, std::uint64_t now, std::uint64_t before) {
  if (now > before) c.Increment(static_cast<double>(now - before));
}

}  // namespace

ApiMetrics::ApiMetrics(std::shared_ptr<prometheus::Registry> registry)
    : registry_(or_new(std::move(registry))),
      requests_(prometheus::BuildCounter()
                    .Name("jemhead_http_requests_total")
                    .Help("HTTP requests served by the REST API")
                    .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("jemhead_http_request_duration_seconds")
                   .Help("Time from request received to response ready")
                   .Register(*registry_)),
      db_transactions_(counter(*registry_, "jemhead_db_write_transactions_total",
                               "Committed storage write transactions")),
      db_rollbacks_(counter(*registry_, "jemhead_db_rollbacks_total",
                            "Storage write transactions rolled back")),
      db_rows_(counter(*registry_, "jemhead_db_rows_written_total", "Rows written to storage")),
      db_busy_retries_(counter(*registry_, "jemhead_db_busy_retries_total",
                               "Storage retries after the database was busy")) {}

ApiMetrics::~ApiMetrics() = default;

void ApiMetrics::observe_request(const std::string& method, const std::string& route, int status,
                                 double seconds) {
  std::lock_guard lock(mutex_);
  auto& c = request_counters_[{method, route, status}];
  if (!c)
    c = &requests_.Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}});
  c->Increment();
  auto& h = latency_histograms_[{method, route}];
  if (!h)
    h = &latency_.Add(
        {{"method", method}, {"route", route}},
        prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                0.1, 0.25, 0.5, 1, 2.5, 5});
  h->Observe(seconds);
}

std::string ApiMetrics::scrape(const storage::StorageStats& stats) {
  {
    std::lock_guard lock(mutex_);
    advance(db_transactions_, stats.transactions, last_stats_.transactions);
    advance(db_rollbacks_, stats.rollbacks, last_stats_.rollbacks);
    advance(db_rows_, stats.rows_written, last_stats_.rows_written);
    advance(db_busy_retries_, stats.busy_retries, last_stats_.busy_retries);
    last_stats_ = stats;
  }
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace jemhead::api
