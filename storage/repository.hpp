#pragma once
// The storage contract. Every backend (sqlite/ now, postgres/ later) implements it; no
// caller knows which one it talks to. Nothing here is SQLite-specific.
//
// Errors are exceptions of the types below so callers can map them (NotFound -> 404,
// Conflict -> 409). Writes that belong together (a change and its audit entry; data and
// its collection checkpoint) go through `transact`, which commits all or nothing.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/alarm/stored_alarm.hpp"
#include "core/connection_profile.hpp"
#include "core/meter.hpp"
#include "core/pqdif_content.hpp"
#include "core/pqdif_stored_file.hpp"
#include "core/readings.hpp"
#include "core/records.hpp"

namespace jemhead::storage {

struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A referenced row does not exist (e.g. a profile for an unknown meter).
struct NotFound : StorageError {
  using StorageError::StorageError;
};
// A uniqueness or reference rule would break (duplicate serial, group still in use...).
struct Conflict : StorageError {
  using StorageError::StorageError;
};

// Keyset paging: results are ordered by id; pass the last id seen as `after_id`.
struct Page {
  std::int64_t after_id = 0;
  std::size_t limit = 100;
};

struct MeterFilter {
  std::optional<std::int64_t> group_id;
  std::optional<bool> mid;
  std::optional<bool> enabled;
  std::string serial_prefix;
  std::string text;  // substring of name or location
};

struct TimeRange {
  std::optional<UtcTime> from;  // inclusive
  std::optional<UtcTime> to;    // exclusive
};

// Job history filters; empty strings and unset options match everything.
struct JobFilter {
  std::optional<std::int64_t> meter_id;
  std::string kind;     // matches rows whose comma list contains this kind exactly
  std::string outcome;  // exact
  std::string trigger;  // exact
  TimeRange started;    // on started_at
  // Order by id DESC; Page.after_id then means "older than this id" (0 = from the newest).
  bool newest_first = true;
};

// Stored PQDIF files; unset options and empty strings match everything.
struct PqdifFileFilter {
  std::optional<std::int64_t> meter_id;
  std::uint32_t data_type_any = 0;  // files whose data type has any of these bits (0: all)
  TimeRange file_time;              // on the time in the file name; set: unnamed files excluded
  std::optional<PqdifSource> source;
  std::optional<PqdifParseStatus> parse_status;
  std::string file_name;  // exact
};

struct PqdifInsert {
  std::int64_t id = 0;
  bool created = false;  // false: the same name with the same content was already stored
};

struct AlarmUpsert {
  std::int64_t id = 0;
  bool created = false;  // false: merged into the alarm stored earlier with that identity
};

struct AuditFilter {
  std::string actor;
  std::string target;
  TimeRange time;
};

// Operations available inside and outside a transaction.
class Store {
 public:
  virtual ~Store() = default;

  // Meters. insert_* return the new id; update/delete return false when the id is unknown.
  virtual std::int64_t insert_meter(const Meter& m) = 0;
  virtual std::optional<Meter> find_meter(std::int64_t id) = 0;
  virtual std::optional<Meter> find_meter_by_serial(const std::string& serial) = 0;
  virtual std::vector<Meter> list_meters(const MeterFilter& filter, const Page& page) = 0;
  virtual std::int64_t count_meters(const MeterFilter& filter) = 0;
  virtual bool update_meter(const Meter& m) = 0;
  // Cascades to its profiles and collected data; its PQDIF files and pushed alarms are kept
  // without a meter (they then show in the quarantine lists).
  virtual bool delete_meter(std::int64_t id) = 0;

  // Groups. Deleting a group that still has meters is a Conflict.
  virtual std::int64_t insert_group(const Group& g) = 0;
  virtual std::optional<Group> find_group(std::int64_t id) = 0;
  virtual std::vector<Group> list_groups(const Page& page) = 0;
  virtual bool update_group(const Group& g) = 0;
  virtual bool delete_group(std::int64_t id) = 0;

  // Connection profiles of one meter. At most one default per meter: making a profile
  // default clears the flag on the meter's others.
  virtual std::int64_t insert_connection(const ConnectionProfile& p) = 0;
  virtual std::optional<ConnectionProfile> find_connection(std::int64_t id) = 0;
  virtual std::vector<ConnectionProfile> list_connections(std::int64_t meter_id) = 0;
  virtual bool update_connection(const ConnectionProfile& p) = 0;
  virtual bool delete_connection(std::int64_t id) = 0;

  // Readings. Load profile is an idempotent upsert keyed by
  // (meter, profile, channel, interval_end): writing the same interval twice keeps one row.
  virtual void upsert_load_profile(std::span<const LoadProfileValue> values) = 0;
  virtual std::vector<LoadProfileValue> load_profile(std::int64_t meter_id, std::uint8_t profile,
                                                     const TimeRange& range) = 0;
  // A profile's layout (capture period and channels), replacing what was stored for
  // (meter, profile): channels the new layout no longer has are removed.
  virtual void upsert_load_profile_layout(std::int64_t meter_id,
                                          const LoadProfileLayout& layout) = 0;
  // The meter's stored layouts, by profile, channels in channel order.
  virtual std::vector<LoadProfileLayout> load_profile_layouts(std::int64_t meter_id) = 0;
  virtual void insert_registers(std::span<const RegisterReading> readings) = 0;
  virtual std::vector<RegisterReading> registers(std::int64_t meter_id, const TimeRange& range,
                                                 std::size_t limit) = 0;
  virtual void insert_instantaneous(std::span<const InstantaneousValue> values) = 0;
  virtual std::vector<InstantaneousValue> instantaneous(std::int64_t meter_id,
                                                        const TimeRange& range,
                                                        std::size_t limit) = 0;
  virtual void insert_events(std::span<const LogEvent> events) = 0;
  virtual std::vector<LogEvent> events(std::int64_t meter_id, const TimeRange& range,
                                       const Page& page) = 0;
  // Pushed alarms (core/alarm/stored_alarm.hpp). Messages are kept as received and never
  // changed. upsert_alarm stores an event, or merges it into the stored one with the same
  // `identity` (alarm_identity(), core/alarm/stored_alarm.hpp): the channel is added to its list
  // and its arrival count goes up; created says which happened. NotFound when meter_id names no
  // meter.
  virtual std::int64_t insert_alarm_message(const AlarmMessage& m) = 0;
  virtual std::optional<AlarmMessage> find_alarm_message(std::int64_t id) = 0;
  // Newest first; Page.after_id then means "older than this id". Empty outcome: all.
  virtual std::vector<AlarmMessage> list_alarm_messages(const std::string& outcome,
                                                        const Page& page) = 0;
  virtual AlarmUpsert upsert_alarm(const StoredAlarm& a, const std::string& identity,
                                   AlarmChannel channel, std::int64_t message_id) = 0;
  virtual std::optional<StoredAlarm> find_alarm(std::int64_t id) = 0;
  // Newest first (by id); Page.after_id then means "older than this id".
  virtual std::vector<StoredAlarm> list_alarms(const AlarmFilter& filter, const Page& page) = 0;
  virtual std::int64_t count_alarms(const AlarmFilter& filter) = 0;
  // The messages an alarm arrived in, oldest first.
  virtual std::vector<std::int64_t> alarm_message_ids(std::int64_t alarm_id) = 0;
  // false when the id is unknown; acknowledging twice keeps the first who/when.
  virtual bool acknowledge_alarm(std::int64_t id, const std::string& by, UtcTime at) = 0;
  virtual bool set_alarm_follow_up(std::int64_t id, const std::string& follow_up) = 0;
  virtual bool set_alarm_pqdif_file(std::int64_t id, std::int64_t pqdif_file_id) = 0;

  // Outbound webhooks. Secrets are stored as given (the caller seals them).
  virtual std::int64_t insert_webhook(const WebhookSubscription& w) = 0;
  virtual std::optional<WebhookSubscription> find_webhook(std::int64_t id) = 0;
  virtual std::vector<WebhookSubscription> list_webhooks() = 0;
  virtual bool update_webhook(const WebhookSubscription& w) = 0;
  virtual bool delete_webhook(std::int64_t id) = 0;  // and its deliveries
  // One pending delivery per enabled subscription whose filter matches the alarm, due now;
  // returns how many were queued. Called in the transaction that created the alarm.
  virtual std::int64_t queue_webhook_deliveries(const StoredAlarm& alarm, UtcTime now) = 0;
  // Pending deliveries due at `now`, oldest due first.
  virtual std::vector<WebhookDelivery> due_webhook_deliveries(UtcTime now, std::size_t limit) = 0;
  // Records an attempt's outcome (state, attempts, next attempt, error); false when unknown.
  virtual bool update_webhook_delivery(const WebhookDelivery& d) = 0;
  // Newest first. Unset options match everything.
  virtual std::vector<WebhookDelivery> list_webhook_deliveries(
      std::optional<std::int64_t> subscription_id, std::optional<WebhookDeliveryState> state,
      const Page& page) = 0;

  // PQDIF files (the bytes are in storage/file_store.hpp). A file is one row per (file
  // name, content): inserting it again returns the stored row's id with created = false,
  // which makes ingestion idempotent across restarts; when the stored row has no meter and
  // the new one does, the meter is recorded. NotFound when meter_id names no meter.
  // Listed newest first (by id); Page.after_id then means "older than this id".
  virtual PqdifInsert insert_pqdif_file(const PqdifStoredFile& f) = 0;
  virtual std::optional<PqdifStoredFile> find_pqdif_file(std::int64_t id) = 0;
  virtual std::vector<PqdifStoredFile> list_pqdif_files(const PqdifFileFilter& filter,
                                                        const Page& page) = 0;
  // Records what parsing found; false when the id is unknown.
  virtual bool update_pqdif_parse_result(std::int64_t id, const PqdifParseResult& result) = 0;
  // Files still waiting for the parser, oldest first: id > page.after_id, ascending.
  virtual std::vector<PqdifStoredFile> pending_pqdif_files(const Page& page) = 0;

  // A file's parsed content. replace_pqdif_content drops what was stored for the file,
  // stores `observations` (ids assigned) and records `result`, all in one transaction
  // (outside transact() its own), so a file is never seen half-written: a crash leaves it
  // 'pending' with no content. add_pqdif_observations appends more within the caller's
  // transaction (a file too large to buffer). Both return false when the file is unknown.
  virtual bool replace_pqdif_content(std::int64_t file_id,
                                     std::span<const PqdifObservationRow> observations,
                                     const PqdifParseResult& result) = 0;
  virtual bool add_pqdif_observations(std::int64_t file_id,
                                      std::span<const PqdifObservationRow> observations) = 0;
  // The file's observations in file order, each with its series' metadata (no values).
  virtual std::vector<PqdifObservationRow> list_pqdif_observations(std::int64_t file_id) = 0;
  // One observation without its series, by its index in the file.
  virtual std::optional<PqdifObservationRow> find_pqdif_observation(std::int64_t file_id,
                                                                    std::int64_t index_in_file) = 0;
  // An observation's series with their values, in (channel, series) order; only the
  // channel instances listed in `channels` when it is not empty.
  virtual std::vector<PqdifSeriesRow> pqdif_series(std::int64_t observation_id,
                                                   std::span<const std::uint32_t> channels) = 0;

  // Clock readings (time checks and the before/after of time syncs). Listed newest first
  // (by id); Page.after_id then means "older than this id" (0 = from the newest); the
  // range applies to the head-end time of the reading.
  virtual std::int64_t insert_clock_reading(const ClockRecord& r) = 0;
  virtual std::vector<ClockRecord> clock_readings(std::int64_t meter_id, const TimeRange& range,
                                                  const Page& page) = 0;

  // Collection checkpoints ("last LP interval stored", "last event read"): advanced in the
  // same transaction as the data they describe.
  virtual std::optional<std::string> checkpoint(std::int64_t meter_id, const std::string& key) = 0;
  virtual void set_checkpoint(std::int64_t meter_id, const std::string& key,
                              const std::string& value) = 0;
  // Every meter's checkpoints whose key starts with `key_prefix` (e.g. "schedule:"), in
  // (meter_id, key) order; the engine loads them once at start.
  virtual std::vector<Checkpoint> checkpoints_with_prefix(const std::string& key_prefix) = 0;
  // One meter's checkpoints whose key starts with `key_prefix`, in key order.
  virtual std::vector<Checkpoint> meter_checkpoints(std::int64_t meter_id,
                                                    const std::string& key_prefix) = 0;

  // Job history. update_job_run returns false when the id is unknown.
  virtual std::int64_t insert_job_run(const JobRun& r) = 0;
  virtual bool update_job_run(const JobRun& r) = 0;
  virtual std::vector<JobRun> job_runs(const JobFilter& filter, const Page& page) = 0;
  virtual std::optional<JobRun> find_job_run(std::int64_t id) = 0;
  // Deletes finished runs that finished before `finished_before` (the retention setting);
  // running jobs are never deleted. Returns how many were deleted.
  virtual std::int64_t purge_job_runs(UtcTime finished_before) = 0;

  // Meter health, one record per meter (deleted with the meter).
  virtual std::optional<MeterHealth> meter_health(std::int64_t meter_id) = 0;
  virtual void put_meter_health(const MeterHealth& h) = 0;   // upsert; NotFound for no meter
  virtual std::vector<MeterHealth> list_meter_health() = 0;  // every stored record, by meter

  // Every meter with its own and its group's schedules, by meter id, in one query.
  virtual std::vector<ScheduleSource> schedule_sources() = 0;

  // Configuration versions: immutable; `version` is assigned (previous + 1 per meter).
  // NotFound for an unknown meter.
  virtual ConfigVersion insert_config_version(const ConfigVersion& v) = 0;
  virtual std::vector<ConfigVersion> config_versions(std::int64_t meter_id) = 0;
  virtual std::optional<ConfigVersion> config_version(std::int64_t meter_id,
                                                      std::int64_t version) = 0;
  virtual std::optional<ConfigVersion> latest_config_version(std::int64_t meter_id) = 0;

  // Group templates: immutable versions numbered per group; NotFound for an unknown group.
  virtual ConfigTemplateVersion insert_template_version(const ConfigTemplateVersion& v) = 0;
  virtual std::vector<ConfigTemplateVersion> template_versions(std::int64_t group_id) = 0;
  virtual std::optional<ConfigTemplateVersion> latest_template_version(std::int64_t group_id) = 0;
  // A meter's overrides over its group's template ("{}" patch when none were set).
  virtual ConfigOverrides config_overrides(std::int64_t meter_id) = 0;
  virtual void put_config_overrides(const ConfigOverrides& o) = 0;  // NotFound: no meter

  // Configuration pushes and their per-section results. insert assigns id; update writes
  // status, times, results and error (false when the id is unknown).
  virtual ConfigPush insert_config_push(const ConfigPush& p) = 0;
  virtual bool update_config_push(const ConfigPush& p) = 0;
  virtual std::optional<ConfigPush> config_push(std::int64_t id) = 0;
  virtual std::vector<ConfigPush> config_pushes(std::int64_t meter_id, const Page& page) = 0;
  // Pushes still queued or running (the push runner resumes them after a restart), by id.
  virtual std::vector<ConfigPush> unfinished_config_pushes() = 0;

  // Read-backs of the meter's configuration (drift detection), newest first.
  virtual ConfigReadback insert_config_readback(const ConfigReadback& r) = 0;
  virtual std::vector<ConfigReadback> config_readbacks(std::int64_t meter_id, const Page& page) = 0;

  // Audit log of every write made through the API.
  virtual std::int64_t append_audit(const AuditEntry& e) = 0;
  virtual std::vector<AuditEntry> audit(const AuditFilter& filter, const Page& page) = 0;
};

// Counters since open, exported by /metrics.
struct StorageStats {
  std::uint64_t transactions = 0;  // committed write transactions (batches)
  std::uint64_t rollbacks = 0;
  std::uint64_t rows_written = 0;
  std::uint64_t busy_retries = 0;
};

class Repository : public Store {
 public:
  // Runs `work` in one transaction: commits when it returns, rolls back when it throws
  // (and rethrows). Transactions are serialised; reads outside them see committed data.
  virtual void transact(const std::function<void(Store&)>& work) = 0;

  // Schema version after migrations, for /health and tests.
  virtual int schema_version() = 0;
  virtual StorageStats stats() = 0;
  // Cheap liveness check for /health.
  virtual bool ping() = 0;
  // Flush and close; further calls throw. Idempotent.
  virtual void close() = 0;
};

struct SqliteOptions {
  std::string path;  // ":memory:" for tests
  std::size_t reader_connections = 4;
  bool synchronous_full = false;  // NORMAL (WAL-safe, default) or FULL
};

std::unique_ptr<Repository> open_sqlite(const SqliteOptions& options);

}  // namespace jemhead::storage
