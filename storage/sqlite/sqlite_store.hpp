#pragma once
// The Store operations over one SQLite connection. The repository hands this to
// transact() work (over the writer connection, inside its transaction) and uses it for
// single operations (writes wrapped in their own transaction, reads on a reader
// connection). Multi-statement writes here rely on that enclosing transaction to be atomic.
//
// The member functions are defined in one file per record family:
//   meters_groups.cpp, connections.cpp, load_profile_values.cpp, readings.cpp,
//   load_profile_clock.cpp, checkpoints.cpp, job_runs.cpp,
//   jobs_config_audit.cpp (audit log), config_store.cpp (configuration versions, templates,
//   overrides, pushes, read-backs), engine_state.cpp (meter health, schedule sources),
//   pqdif_files.cpp, pqdif_content.cpp, alarms.cpp (pushed alarms and their messages),
//   webhooks.cpp (webhook subscriptions and deliveries).
//
// Conventions shared by all families:
// - A zero created_at / updated_at / audit `at` is filled with the current time on write.
// - Lists are in id order (keyset paging: id > page.after_id, at most page.limit rows;
//   job runs newest first by default, configuration read-backs newest first; configuration
//   versions in version order);
//   load profile is in (interval_end, channel) order, registers and instantaneous values
//   in time order. TimeRange bounds are [from, to).
#include <string>
#include <string_view>

#include "storage/repository.hpp"
#include "storage/sqlite/load_profile_blob.hpp"

namespace jemhead::storage::sqlite {

class Connection;

// Load-profile interval rows per upsert statement (up to 16 values each). A multi-row
// VALUES list cuts SQLite's cost per row (statement start, cursor open/close and VDBE setup
// happen once per statement instead of once per row); measured by bench/storage. The
// remainder of a batch goes through the one-row statement.
inline constexpr std::size_t kLoadProfileRowsPerStatement = 64;

// The load-profile upsert for `rows` interval rows (load_profile_blob.hpp), five parameters
// each: meter_id, profile, interval_end_us, status, vals. A stored interval is merged with
// the new one (lp_merge: the new channels replace, the others stay). Shared with the
// storage benchmark's raw baseline so that both measure the same statements.
std::string upsert_load_profile_sql(std::size_t rows);

// One (meter, profile, interval end) of an upsert batch with the channels written for it.
struct LoadProfileInterval {
  std::int64_t meter_id = 0;
  std::uint8_t profile = 1;
  std::int64_t interval_end_us = 0;
  IntervalValues values;
};

// `values` grouped by interval in key order; a channel written twice keeps its later value.
// Throws StorageError naming the value when a profile is not 1 or 2, a channel is outside
// 1..16 or a value is NaN (not storable, as before the interval rows).
std::vector<LoadProfileInterval> group_load_profile(std::span<const LoadProfileValue> values);

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Connection& connection) : db_(connection) {}
  Connection& connection() const { return db_; }

  std::int64_t insert_meter(const Meter& m) override;
  std::optional<Meter> find_meter(std::int64_t id) override;
  std::optional<Meter> find_meter_by_serial(const std::string& serial) override;
  std::vector<Meter> list_meters(const MeterFilter& filter, const Page& page) override;
  std::int64_t count_meters(const MeterFilter& filter) override;
  bool update_meter(const Meter& m) override;
  bool delete_meter(std::int64_t id) override;

  std::int64_t insert_group(const Group& g) override;
  std::optional<Group> find_group(std::int64_t id) override;
  std::vector<Group> list_groups(const Page& page) override;
  bool update_group(const Group& g) override;
  bool delete_group(std::int64_t id) override;

  std::int64_t insert_connection(const ConnectionProfile& p) override;
  std::optional<ConnectionProfile> find_connection(std::int64_t id) override;
  std::vector<ConnectionProfile> list_connections(std::int64_t meter_id) override;
  bool update_connection(const ConnectionProfile& p) override;
  bool delete_connection(std::int64_t id) override;

  void upsert_load_profile(std::span<const LoadProfileValue> values) override;
  std::vector<LoadProfileValue> load_profile(std::int64_t meter_id, std::uint8_t profile,
                                             const TimeRange& range) override;
  void insert_registers(std::span<const RegisterReading> readings) override;
  std::vector<RegisterReading> registers(std::int64_t meter_id, const TimeRange& range,
                                         std::size_t limit) override;
  void insert_instantaneous(std::span<const InstantaneousValue> values) override;
  std::vector<InstantaneousValue> instantaneous(std::int64_t meter_id, const TimeRange& range,
                                                std::size_t limit) override;
  void insert_events(std::span<const LogEvent> events) override;
  std::vector<LogEvent> events(std::int64_t meter_id, const TimeRange& range,
                               const Page& page) override;
  std::int64_t insert_alarm_message(const AlarmMessage& m) override;
  std::optional<AlarmMessage> find_alarm_message(std::int64_t id) override;
  std::vector<AlarmMessage> list_alarm_messages(const std::string& outcome,
                                                const Page& page) override;
  AlarmUpsert upsert_alarm(const StoredAlarm& a, const std::string& identity, AlarmChannel channel,
                           std::int64_t message_id) override;
  std::optional<StoredAlarm> find_alarm(std::int64_t id) override;
  std::vector<StoredAlarm> list_alarms(const AlarmFilter& filter, const Page& page) override;
  std::int64_t count_alarms(const AlarmFilter& filter) override;
  std::vector<std::int64_t> alarm_message_ids(std::int64_t alarm_id) override;
  bool acknowledge_alarm(std::int64_t id, const std::string& by, UtcTime at) override;
  bool set_alarm_follow_up(std::int64_t id, const std::string& follow_up) override;
  bool set_alarm_pqdif_file(std::int64_t id, std::int64_t pqdif_file_id) override;

  std::int64_t insert_webhook(const WebhookSubscription& w) override;
  std::optional<WebhookSubscription> find_webhook(std::int64_t id) override;
  std::vector<WebhookSubscription> list_webhooks() override;
  bool update_webhook(const WebhookSubscription& w) override;
  bool delete_webhook(std::int64_t id) override;
  std::int64_t queue_webhook_deliveries(const StoredAlarm& alarm, UtcTime now) override;
  std::vector<WebhookDelivery> due_webhook_deliveries(UtcTime now, std::size_t limit) override;
  bool update_webhook_delivery(const WebhookDelivery& d) override;
  std::vector<WebhookDelivery> list_webhook_deliveries(std::optional<std::int64_t> subscription_id,
                                                       std::optional<WebhookDeliveryState> state,
                                                       const Page& page) override;

  PqdifInsert insert_pqdif_file(const PqdifStoredFile& f) override;
  std::optional<PqdifStoredFile> find_pqdif_file(std::int64_t id) override;
  std::vector<PqdifStoredFile> list_pqdif_files(const PqdifFileFilter& filter,
                                                const Page& page) override;
  bool update_pqdif_parse_result(std::int64_t id, const PqdifParseResult& result) override;
  std::vector<PqdifStoredFile> pending_pqdif_files(const Page& page) override;
  bool replace_pqdif_content(std::int64_t file_id,
                             std::span<const PqdifObservationRow> observations,
                             const PqdifParseResult& result) override;
  bool add_pqdif_observations(std::int64_t file_id,
                              std::span<const PqdifObservationRow> observations) override;
  std::vector<PqdifObservationRow> list_pqdif_observations(std::int64_t file_id) override;
  std::optional<PqdifObservationRow> find_pqdif_observation(std::int64_t file_id,
                                                            std::int64_t index_in_file) override;
  std::vector<PqdifSeriesRow> pqdif_series(std::int64_t observation_id,
                                           std::span<const std::uint32_t> channels) override;

  std::optional<std::string> checkpoint(std::int64_t meter_id, const std::string& key) override;
  void set_checkpoint(std::int64_t meter_id, const std::string& key,
                      const std::string& value) override;
  std::vector<Checkpoint> checkpoints_with_prefix(const std::string& key_prefix) override;
  void upsert_load_profile_layout(std::int64_t meter_id, const LoadProfileLayout& layout) override;
  std::vector<LoadProfileLayout> load_profile_layouts(std::int64_t meter_id) override;
  std::int64_t insert_clock_reading(const ClockRecord& r) override;
  std::vector<ClockRecord> clock_readings(std::int64_t meter_id, const TimeRange& range,
                                          const Page& page) override;
  std::vector<Checkpoint> meter_checkpoints(std::int64_t meter_id,
                                            const std::string& key_prefix) override;

  std::int64_t insert_job_run(const JobRun& r) override;
  bool update_job_run(const JobRun& r) override;
  std::vector<JobRun> job_runs(const JobFilter& filter, const Page& page) override;
  std::optional<JobRun> find_job_run(std::int64_t id) override;
  std::int64_t purge_job_runs(UtcTime finished_before) override;

  std::optional<MeterHealth> meter_health(std::int64_t meter_id) override;
  void put_meter_health(const MeterHealth& h) override;
  std::vector<MeterHealth> list_meter_health() override;

  std::vector<ScheduleSource> schedule_sources() override;

  ConfigVersion insert_config_version(const ConfigVersion& v) override;
  std::vector<ConfigVersion> config_versions(std::int64_t meter_id) override;
  std::optional<ConfigVersion> config_version(std::int64_t meter_id, std::int64_t version) override;
  std::optional<ConfigVersion> latest_config_version(std::int64_t meter_id) override;
  ConfigTemplateVersion insert_template_version(const ConfigTemplateVersion& v) override;
  std::vector<ConfigTemplateVersion> template_versions(std::int64_t group_id) override;
  std::optional<ConfigTemplateVersion> latest_template_version(std::int64_t group_id) override;
  ConfigOverrides config_overrides(std::int64_t meter_id) override;
  void put_config_overrides(const ConfigOverrides& o) override;
  ConfigPush insert_config_push(const ConfigPush& p) override;
  bool update_config_push(const ConfigPush& p) override;
  std::optional<ConfigPush> config_push(std::int64_t id) override;
  std::vector<ConfigPush> config_pushes(std::int64_t meter_id, const Page& page) override;
  std::vector<ConfigPush> unfinished_config_pushes() override;
  ConfigReadback insert_config_readback(const ConfigReadback& r) override;
  std::vector<ConfigReadback> config_readbacks(std::int64_t meter_id, const Page& page) override;

  std::int64_t append_audit(const AuditEntry& e) override;
  std::vector<AuditEntry> audit(const AuditFilter& filter, const Page& page) override;

 private:
  void write_identification(const Meter& m, std::int64_t meter_id);
  void read_identification(Meter& m);

  Connection& db_;
};

}  // namespace jemhead::storage::sqlite
