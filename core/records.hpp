#pragma once
// Records the head-end keeps about its own work: job runs (the manual's retrieval and
// task event logs), meter health, collection checkpoints, configuration versions and the
// audit log of every write.
#include <cstdint>
#include <optional>
#include <string>

#include "core/readings.hpp"
#include "core/time.hpp"

namespace jemhead {

// One run of a job: a meter, the kinds it collected in one session, and how it went.
struct JobRun {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::string kind;  // one or more kinds, comma-separated: "registers,status"
  UtcTime started_at{};
  std::optional<UtcTime> finished_at;
  std::string outcome = "running";  // running, ok, failed, partial, refused
  std::int64_t values = 0;
  std::int64_t bytes = 0;
  std::string error;
  std::string trigger = "manual";     // schedule, catch_up, manual
  std::optional<UtcTime> nominal_at;  // the schedule's fire time (catch-up: when it was decided)
  std::string profile;                // connection profile name(s) used, comma-separated
  int attempts = 0;                   // connection attempts made (retries included)
  std::string error_type;  // DriverError kind: timeout, protocol_exception, ... ("" when ok)
  // Per kind: [{"kind":..,"profile":..,"outcome":..,"values":..,"error_type":..,"error":..}]
  std::string results_json = "[]";
};

// A stored reading of a meter's clock: a scheduled time check, or the reading before or
// after a time sync (`kind` "check", "sync_before", "sync_after").
struct ClockRecord {
  std::int64_t id = 0;
  ClockReading reading;
  std::string kind = "check";
  std::optional<std::int64_t> job_run_id;  // the job that read it, when known
};

// Whether a meter keeps answering: the engine keeps trying unhealthy meters, with backoff,
// and reports them in the API and metrics.
struct MeterHealth {
  std::int64_t meter_id = 0;
  int consecutive_failures = 0;
  bool healthy = true;
  std::optional<UtcTime> last_success, last_failure, next_attempt;
  std::string last_error;
};

// A collection checkpoint of one meter ("last LP interval stored", "schedule:registers").
struct Checkpoint {
  std::int64_t meter_id = 0;
  std::string key;
  std::string value;
};

// One meter as the scheduler sees it (kept small: the engine holds these for 10,000 meters).
struct ScheduleSource {
  std::int64_t meter_id = 0;
  bool enabled = true;
  std::optional<std::int64_t> group_id;
  std::string time_zone;             // the meter's IANA zone
  std::string meter_schedules_json;  // meter's own overrides, "{}" when none
  std::string group_schedules_json;  // its group's schedules, "{}" when none/no group
  // When the meter was added: its schedules count from then, so a fire time missed before
  // its first run (a crash, a rebuild of the plan) is caught up like any other.
  std::optional<UtcTime> created_at;
};

struct ConfigVersion {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::int64_t version = 0;  // 1, 2, ... per meter
  UtcTime created_at{};
  std::string author;
  std::string reason;
  std::string document_json;
};

struct AuditEntry {
  std::int64_t id = 0;
  UtcTime at{};
  std::string actor;   // token name
  std::string action;  // "meter.create", "meter.update", ...
  std::string target;  // "meter/12"
  std::string detail_json = "{}";
};

}  // namespace jemhead
