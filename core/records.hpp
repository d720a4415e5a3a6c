#pragma once
// Records the head-end keeps about its own work: job runs (the manual's retrieval and
// task event logs), meter health, collection checkpoints, configuration versions and the
// audit log of every write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_text.hpp"
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

// Where a configuration version came from.
enum class ConfigSource {
  operator_,  // written through the API (PUT .../config)
  template_,  // the group's template with the meter's overrides applied
  read_back,  // what the meter reported (the readable parts), merged into the previous one
  import_,    // imported from YAML/XML
};

struct ConfigVersion {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::int64_t version = 0;  // 1, 2, ... per meter
  UtcTime created_at{};
  std::string author;
  std::string reason;
  std::string document_json;
  ConfigSource source = ConfigSource::operator_;
  // With source template_: the group template version it was built from.
  std::optional<std::int64_t> template_version;
};

// A group's configuration template: immutable versions numbered per group, like a meter's.
struct ConfigTemplateVersion {
  std::int64_t id = 0;
  std::int64_t group_id = 0;
  std::int64_t version = 0;
  UtcTime created_at{};
  std::string author;
  std::string reason;
  std::string document_json;
};

// A meter's own values over its group's template, as a JSON merge patch (RFC 7386):
// gain corrections and identification fields differ per meter (manual L2682-L2684).
struct ConfigOverrides {
  std::int64_t meter_id = 0;
  std::string patch_json = "{}";
  UtcTime updated_at{};
  std::string author;
};

enum class ConfigPushStatus {
  queued,  // accepted, waiting for the meter's previous push
  running,
  succeeded,  // every requested section delivered and verified where readable
  partial,    // some sections delivered, others not deliverable / refused / failed
  failed,     // nothing delivered
  refused,    // stopped before delivery (validation, MID, missing confirmation)
};

// One section's (or one operation's, e.g. "clock") outcome in a push.
struct ConfigPushSection {
  std::string section;
  // applied | verified | unchanged | not_deliverable | refused_mid | refused_by_meter |
  // failed | mismatch
  std::string outcome;
  std::string detail;
  std::string protocol;  // the driver that delivered or read it back, "" when none
};

struct ConfigPush {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::int64_t version = 0;           // the configuration version pushed
  std::vector<std::string> sections;  // requested; empty = every changed section
  bool confirmed = false;             // destructive changes confirmed by the operator
  std::string requested_by;
  UtcTime requested_at{};
  std::optional<UtcTime> started_at;
  std::optional<UtcTime> finished_at;
  ConfigPushStatus status = ConfigPushStatus::queued;
  std::string impact_json = "{}";  // the impact report at request time
  std::vector<ConfigPushSection> results;
  std::string error;
};

// What a read-back found: the readable parts of the meter's configuration compared with
// the version in force (drift detection on a CFG alarm or status bit 11).
struct ConfigReadback {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  UtcTime read_at{};
  std::optional<std::int64_t> compared_version;  // nullopt: the meter has no version yet
  std::string trigger;                           // "push", "cfg_alarm", "status_bit_11", "manual"
  std::string observed_json = "{}";              // what the meter reported, document paths
  std::string differences_json = "[]";           // [{path, stored, observed}]
  bool drift = false;
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

template <>
struct jemhead::EnumText<jemhead::ConfigSource> {
  using S = jemhead::ConfigSource;
  static constexpr std::array<std::pair<S, std::string_view>, 4> names{{
      {S::operator_, "operator"},
      {S::template_, "template"},
      {S::read_back, "read_back"},
      {S::import_, "import"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::ConfigPushStatus> {
  using S = jemhead::ConfigPushStatus;
  static constexpr std::array<std::pair<S, std::string_view>, 6> names{{
      {S::queued, "queued"},
      {S::running, "running"},
      {S::succeeded, "succeeded"},
      {S::partial, "partial"},
      {S::failed, "failed"},
      {S::refused, "refused"},
  }};
};
