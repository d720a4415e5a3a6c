#include "engine/engine_metrics.hpp"

namespace jemhead::engine {

namespace {
const prometheus::Histogram::BucketBoundaries kDurationBuckets{
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
const prometheus::Histogram::BucketBoundaries kDelayBuckets{0.001, 0.005, 0.01, 0.05, 0.1, 0.25,
                                                            0.5,   1,     2,    5,    10,  60};
}  // namespace

EngineMetrics::EngineMetrics(prometheus::Registry& registry)
    : kinds_(prometheus::BuildCounter()
                 .Name("jemhead_collection_jobs_total")
                 .Help("Collection results per kind of data and outcome (ok, failed, refused)")
                 .Register(registry)),
      values_(prometheus::BuildCounter()
                  .Name("jemhead_collected_values_total")
                  .Help("Values collected from meters, per kind of data")
                  .Register(registry)),
      skipped_(prometheus::BuildCounter()
                   .Name("jemhead_collection_skipped_total")
                   .Help("Scheduled runs not started, per reason (backoff of an unhealthy meter)")
                   .Register(registry)),
      bytes_(prometheus::BuildCounter()
                 .Name("jemhead_collected_bytes_total")
                 .Help("Bytes exchanged with meters by collection jobs")
                 .Register(registry)
                 .Add({})),
      duration_(prometheus::BuildHistogram()
                    .Name("jemhead_job_duration_seconds")
                    .Help("Collection job duration, from start to the end of its meter I/O")
                    .Register(registry)),
      start_delay_(prometheus::BuildHistogram()
                       .Name("jemhead_job_start_delay_seconds")
                       .Help("Delay between a job's due time and its start (scheduler latency)")
                       .Register(registry)
                       .Add({}, kDelayBuckets)),
      meters_(prometheus::BuildGauge()
                  .Name("jemhead_meters")
                  .Help("Scheduled meters by state (healthy, unhealthy, overdue)")
                  .Register(registry)),
      waiting_(prometheus::BuildGauge()
                   .Name("jemhead_job_queue_depth")
                   .Help("Jobs waiting to start")
                   .Register(registry)
                   .Add({})),
      running_(prometheus::BuildGauge()
                   .Name("jemhead_jobs_running")
                   .Help("Jobs running now")
                   .Register(registry)
                   .Add({})),
      sessions_(prometheus::BuildGauge()
                    .Name("jemhead_sessions_in_use")
                    .Help("Meter sessions open, per protocol")
                    .Register(registry)) {}

void EngineMetrics::job_finished(JobTrigger trigger, double seconds, std::uint64_t bytes) {
  duration_.Add({{"trigger", std::string(to_text(trigger))}}, kDurationBuckets).Observe(seconds);
  bytes_.Increment(static_cast<double>(bytes));
}

void EngineMetrics::kind_finished(JobKind kind, const std::string& outcome, std::int64_t values) {
  const std::string k(to_text(kind));
  kinds_.Add({{"kind", k}, {"outcome", outcome}}).Increment();
  if (values > 0) values_.Add({{"kind", k}}).Increment(static_cast<double>(values));
}

void EngineMetrics::job_started(double delay_seconds) {
  start_delay_.Observe(delay_seconds < 0 ? 0 : delay_seconds);
}

void EngineMetrics::job_skipped(const std::string& reason) {
  skipped_.Add({{"reason", reason}}).Increment();
}

void EngineMetrics::set(const EngineGauges& g) {
  waiting_.Set(static_cast<double>(g.waiting));
  running_.Set(static_cast<double>(g.running));
  meters_.Add({{"state", "healthy"}})
      .Set(static_cast<double>(g.scheduled_meters -
                               std::min(g.scheduled_meters, g.unhealthy_meters)));
  meters_.Add({{"state", "unhealthy"}}).Set(static_cast<double>(g.unhealthy_meters));
  meters_.Add({{"state", "overdue"}}).Set(static_cast<double>(g.overdue_meters));
  std::lock_guard lock(mutex_);
  // A protocol whose sessions all closed reads 0, not its last value.
  for (auto& [protocol, gauge] : session_gauges_) gauge->Set(0);
  for (const auto& [protocol, n] : g.sessions) {
    auto& gauge = session_gauges_[protocol];
    if (!gauge) gauge = &sessions_.Add({{"protocol", std::string(to_text(protocol))}});
    gauge->Set(static_cast<double>(n));
  }
}

}  // namespace jemhead::engine
