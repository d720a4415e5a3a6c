#pragma once
// The engine's Prometheus metrics: jobs by kind and outcome, durations and start delays
// (histograms), meters healthy / unhealthy / overdue, queue depth, sessions in use per
// protocol, bytes and values collected. Registered on the daemon's registry, so /metrics
// serves them with the API's own.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/protocol.hpp"
#include "engine/job.hpp"

namespace jemhead::engine {

struct EngineGauges {
  std::size_t waiting = 0;
  std::size_t running = 0;
  std::size_t scheduled_meters = 0;
  std::size_t unhealthy_meters = 0;
  std::size_t overdue_meters = 0;
  std::map<Protocol, std::size_t> sessions;
};

class EngineMetrics {
 public:
  explicit EngineMetrics(prometheus::Registry& registry);

  void job_finished(JobTrigger trigger, double seconds, std::uint64_t bytes);
  void kind_finished(JobKind kind, const std::string& outcome, std::int64_t values);
  void job_started(double delay_seconds);
  void job_skipped(const std::string& reason);
  void set(const EngineGauges& gauges);

 private:
  prometheus::Family<prometheus::Counter>& kinds_;
  prometheus::Family<prometheus::Counter>& values_;
  prometheus::Family<prometheus::Counter>& skipped_;
  prometheus::Counter& bytes_;
  prometheus::Family<prometheus::Histogram>& duration_;
  prometheus::Histogram& start_delay_;
  prometheus::Family<prometheus::Gauge>& meters_;
  prometheus::Gauge& waiting_;
  prometheus::Gauge& running_;
  prometheus::Family<prometheus::Gauge>& sessions_;
  std::mutex mutex_;  // Family::Add is thread-safe; the protocol set we zeroed is not
  std::map<Protocol, prometheus::Gauge*> session_gauges_;
};

}  // namespace jemhead::engine
