// The Store operations of the SQLite repository: writes run on the writer in their own
// transaction, reads on a reader connection (see sqlite_repository.hpp).
#include "storage/sqlite/sqlite_repository.hpp"

namespace jemhead::storage::sqlite {

// Writes.

std::int64_t SqliteRepository::insert_meter(const Meter& m) {
  return write([&](SqliteStore& store) { return store.insert_meter(m); });
}

bool SqliteRepository::update_meter(const Meter& m) {
  return write([&](SqliteStore& store) { return store.update_meter(m); });
}

bool SqliteRepository::delete_meter(std::int64_t id) {
  return write([&](SqliteStore& store) { return store.delete_meter(id); });
}

std::int64_t SqliteRepository::insert_group(const Group& g) {
  return write([&](SqliteStore& store) { return store.insert_group(g); });
}

bool SqliteRepository::update_group(const Group& g) {
  return write([&](SqliteStore& store) { return store.update_group(g); });
}

bool SqliteRepository::delete_group(std::int64_t id) {
  return write([&](SqliteStore& store) { return store.delete_group(id); });
}

std::int64_t SqliteRepository::insert_connection(const ConnectionProfile& p) {
  return write([&](SqliteStore& store) { return store.insert_connection(p); });
}

bool SqliteRepository::update_connection(const ConnectionProfile& p) {
  return write([&](SqliteStore& store) { return store.update_connection(p); });
}

bool SqliteRepository::delete_connection(std::int64_t id) {
  return write([&](SqliteStore& store) { return store.delete_connection(id); });
}

void SqliteRepository::upsert_load_profile(std::span<const LoadProfileValue> values) {
  return write([&](SqliteStore& store) { return store.upsert_load_profile(values); });
}

void SqliteRepository::upsert_load_profile_layout(std::int64_t meter_id,
                                                  const LoadProfileLayout& layout) {
  return write(
      [&](SqliteStore& store) { return store.upsert_load_profile_layout(meter_id, layout); });
}

std::int64_t SqliteRepository::insert_clock_reading(const ClockRecord& r) {
  return write([&](SqliteStore& store) { return store.insert_clock_reading(r); });
}

void SqliteRepository::insert_registers(std::span<const RegisterReading> readings) {
  return write([&](SqliteStore& store) { return store.insert_registers(readings); });
}

void SqliteRepository::insert_instantaneous(std::span<const InstantaneousValue> values) {
  return write([&](SqliteStore& store) { return store.insert_instantaneous(values); });
}

void SqliteRepository::insert_events(std::span<const LogEvent> events) {
  return write([&](SqliteStore& store) { return store.insert_events(events); });
}

std::int64_t SqliteRepository::insert_alarm_message(const AlarmMessage& m) {
  return write([&](SqliteStore& store) { return store.insert_alarm_message(m); });
}

AlarmUpsert SqliteRepository::upsert_alarm(const StoredAlarm& a, const std::string& identity,
                                           AlarmChannel channel, std::int64_t message_id) {
  return write(
      [&](SqliteStore& store) { return store.upsert_alarm(a, identity, channel, message_id); });
}

bool SqliteRepository::acknowledge_alarm(std::int64_t id, const std::string& by, UtcTime at) {
  return write([&](SqliteStore& store) { return store.acknowledge_alarm(id, by, at); });
}

bool SqliteRepository::set_alarm_follow_up(std::int64_t id, const std::string& follow_up) {
  return write([&](SqliteStore& store) { return store.set_alarm_follow_up(id, follow_up); });
}

bool SqliteRepository::set_alarm_pqdif_file(std::int64_t id, std::int64_t pqdif_file_id) {
  return write([&](SqliteStore& store) { return store.set_alarm_pqdif_file(id, pqdif_file_id); });
}

std::int64_t SqliteRepository::insert_webhook(const WebhookSubscription& w) {
  return write([&](SqliteStore& store) { return store.insert_webhook(w); });
}

bool SqliteRepository::update_webhook(const WebhookSubscription& w) {
  return write([&](SqliteStore& store) { return store.update_webhook(w); });
}

bool SqliteRepository::delete_webhook(std::int64_t id) {
  return write([&](SqliteStore& store) { return store.delete_webhook(id); });
}

std::int64_t SqliteRepository::queue_webhook_deliveries(const StoredAlarm& alarm, UtcTime now) {
  return write([&](SqliteStore& store) { return store.queue_webhook_deliveries(alarm, now); });
}

bool SqliteRepository::update_webhook_delivery(const WebhookDelivery& d) {
  return write([&](SqliteStore& store) { return store.update_webhook_delivery(d); });
}

PqdifInsert SqliteRepository::insert_pqdif_file(const PqdifStoredFile& f) {
  return write([&](SqliteStore& store) { return store.insert_pqdif_file(f); });
}

bool SqliteRepository::update_pqdif_parse_result(std::int64_t id, const PqdifParseResult& result) {
  return write([&](SqliteStore& store) { return store.update_pqdif_parse_result(id, result); });
}

bool SqliteRepository::replace_pqdif_content(std::int64_t file_id,
                                             std::span<const PqdifObservationRow> observations,
                                             const PqdifParseResult& result) {
  return write([&](SqliteStore& store) {
    return store.replace_pqdif_content(file_id, observations, result);
  });
}

bool SqliteRepository::add_pqdif_observations(std::int64_t file_id,
                                              std::span<const PqdifObservationRow> observations) {
  return write(
      [&](SqliteStore& store) { return store.add_pqdif_observations(file_id, observations); });
}

void SqliteRepository::set_checkpoint(std::int64_t meter_id, const std::string& key,
                                      const std::string& value) {
  return write([&](SqliteStore& store) { return store.set_checkpoint(meter_id, key, value); });
}

std::int64_t SqliteRepository::insert_job_run(const JobRun& r) {
  return write([&](SqliteStore& store) { return store.insert_job_run(r); });
}

bool SqliteRepository::update_job_run(const JobRun& r) {
  return write([&](SqliteStore& store) { return store.update_job_run(r); });
}

std::int64_t SqliteRepository::purge_job_runs(UtcTime finished_before) {
  return write([&](SqliteStore& store) { return store.purge_job_runs(finished_before); });
}

void SqliteRepository::put_meter_health(const MeterHealth& h) {
  return write([&](SqliteStore& store) { return store.put_meter_health(h); });
}

ConfigVersion SqliteRepository::insert_config_version(const ConfigVersion& v) {
  return write([&](SqliteStore& store) { return store.insert_config_version(v); });
}

ConfigTemplateVersion SqliteRepository::insert_template_version(const ConfigTemplateVersion& v) {
  return write([&](SqliteStore& store) { return store.insert_template_version(v); });
}

void SqliteRepository::put_config_overrides(const ConfigOverrides& o) {
  return write([&](SqliteStore& store) { return store.put_config_overrides(o); });
}

ConfigPush SqliteRepository::insert_config_push(const ConfigPush& p) {
  return write([&](SqliteStore& store) { return store.insert_config_push(p); });
}

bool SqliteRepository::update_config_push(const ConfigPush& p) {
  return write([&](SqliteStore& store) { return store.update_config_push(p); });
}

ConfigReadback SqliteRepository::insert_config_readback(const ConfigReadback& r) {
  return write([&](SqliteStore& store) { return store.insert_config_readback(r); });
}

std::int64_t SqliteRepository::append_audit(const AuditEntry& e) {
  return write([&](SqliteStore& store) { return store.append_audit(e); });
}

// Reads.

std::optional<Meter> SqliteRepository::find_meter(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_meter(id); });
}

std::optional<Meter> SqliteRepository::find_meter_by_serial(const std::string& serial) {
  return read([&](SqliteStore& store) { return store.find_meter_by_serial(serial); });
}

std::vector<Meter> SqliteRepository::list_meters(const MeterFilter& filter, const Page& page) {
  return read([&](SqliteStore& store) { return store.list_meters(filter, page); });
}

std::int64_t SqliteRepository::count_meters(const MeterFilter& filter) {
  return read([&](SqliteStore& store) { return store.count_meters(filter); });
}

std::optional<Group> SqliteRepository::find_group(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_group(id); });
}

std::vector<Group> SqliteRepository::list_groups(const Page& page) {
  return read([&](SqliteStore& store) { return store.list_groups(page); });
}

std::optional<ConnectionProfile> SqliteRepository::find_connection(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_connection(id); });
}

std::vector<ConnectionProfile> SqliteRepository::list_connections(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.list_connections(meter_id); });
}

std::vector<LoadProfileValue> SqliteRepository::load_profile(std::int64_t meter_id,
                                                             std::uint8_t profile,
                                                             const TimeRange& range) {
  return read([&](SqliteStore& store) { return store.load_profile(meter_id, profile, range); });
}

std::vector<RegisterReading> SqliteRepository::registers(std::int64_t meter_id,
                                                         const TimeRange& range,
                                                         std::size_t limit) {
  return read([&](SqliteStore& store) { return store.registers(meter_id, range, limit); });
}

std::vector<InstantaneousValue> SqliteRepository::instantaneous(std::int64_t meter_id,
                                                                const TimeRange& range,
                                                                std::size_t limit) {
  return read([&](SqliteStore& store) { return store.instantaneous(meter_id, range, limit); });
}

std::vector<LogEvent> SqliteRepository::events(std::int64_t meter_id, const TimeRange& range,
                                               const Page& page) {
  return read([&](SqliteStore& store) { return store.events(meter_id, range, page); });
}

std::optional<AlarmMessage> SqliteRepository::find_alarm_message(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_alarm_message(id); });
}

std::vector<AlarmMessage> SqliteRepository::list_alarm_messages(const std::string& outcome,
                                                                const Page& page) {
  return read([&](SqliteStore& store) { return store.list_alarm_messages(outcome, page); });
}

std::optional<StoredAlarm> SqliteRepository::find_alarm(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_alarm(id); });
}

std::vector<StoredAlarm> SqliteRepository::list_alarms(const AlarmFilter& filter,
                                                       const Page& page) {
  return read([&](SqliteStore& store) { return store.list_alarms(filter, page); });
}

std::int64_t SqliteRepository::count_alarms(const AlarmFilter& filter) {
  return read([&](SqliteStore& store) { return store.count_alarms(filter); });
}

std::vector<std::int64_t> SqliteRepository::alarm_message_ids(std::int64_t alarm_id) {
  return read([&](SqliteStore& store) { return store.alarm_message_ids(alarm_id); });
}

std::optional<WebhookSubscription> SqliteRepository::find_webhook(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_webhook(id); });
}

std::vector<WebhookSubscription> SqliteRepository::list_webhooks() {
  return read([&](SqliteStore& store) { return store.list_webhooks(); });
}

std::vector<WebhookDelivery> SqliteRepository::due_webhook_deliveries(UtcTime now,
                                                                      std::size_t limit) {
  return read([&](SqliteStore& store) { return store.due_webhook_deliveries(now, limit); });
}

std::vector<WebhookDelivery> SqliteRepository::list_webhook_deliveries(
    std::optional<std::int64_t> subscription_id, std::optional<WebhookDeliveryState> state,
    const Page& page) {
  return read([&](SqliteStore& store) {
    return store.list_webhook_deliveries(subscription_id, state, page);
  });
}

std::optional<PqdifStoredFile> SqliteRepository::find_pqdif_file(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_pqdif_file(id); });
}

std::vector<PqdifStoredFile> SqliteRepository::list_pqdif_files(const PqdifFileFilter& filter,
                                                                const Page& page) {
  return read([&](SqliteStore& store) { return store.list_pqdif_files(filter, page); });
}

std::vector<PqdifStoredFile> SqliteRepository::pending_pqdif_files(const Page& page) {
  return read([&](SqliteStore& store) { return store.pending_pqdif_files(page); });
}

std::vector<PqdifObservationRow> SqliteRepository::list_pqdif_observations(std::int64_t file_id) {
  return read([&](SqliteStore& store) { return store.list_pqdif_observations(file_id); });
}

std::optional<PqdifObservationRow> SqliteRepository::find_pqdif_observation(
    std::int64_t file_id, std::int64_t index_in_file) {
  return read(
      [&](SqliteStore& store) { return store.find_pqdif_observation(file_id, index_in_file); });
}

std::vector<PqdifSeriesRow> SqliteRepository::pqdif_series(
    std::int64_t observation_id, std::span<const std::uint32_t> channels) {
  return read([&](SqliteStore& store) { return store.pqdif_series(observation_id, channels); });
}

std::optional<std::string> SqliteRepository::checkpoint(std::int64_t meter_id,
                                                        const std::string& key) {
  return read([&](SqliteStore& store) { return store.checkpoint(meter_id, key); });
}

std::vector<Checkpoint> SqliteRepository::checkpoints_with_prefix(const std::string& key_prefix) {
  return read([&](SqliteStore& store) { return store.checkpoints_with_prefix(key_prefix); });
}

std::vector<LoadProfileLayout> SqliteRepository::load_profile_layouts(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.load_profile_layouts(meter_id); });
}

std::vector<ClockRecord> SqliteRepository::clock_readings(std::int64_t meter_id,
                                                          const TimeRange& range,
                                                          const Page& page) {
  return read([&](SqliteStore& store) { return store.clock_readings(meter_id, range, page); });
}

std::vector<Checkpoint> SqliteRepository::meter_checkpoints(std::int64_t meter_id,
                                                            const std::string& key_prefix) {
  return read([&](SqliteStore& store) { return store.meter_checkpoints(meter_id, key_prefix); });
}

std::vector<JobRun> SqliteRepository::job_runs(const JobFilter& filter, const Page& page) {
  return read([&](SqliteStore& store) { return store.job_runs(filter, page); });
}

std::optional<JobRun> SqliteRepository::find_job_run(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.find_job_run(id); });
}

std::optional<MeterHealth> SqliteRepository::meter_health(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.meter_health(meter_id); });
}

std::vector<MeterHealth> SqliteRepository::list_meter_health() {
  return read([&](SqliteStore& store) { return store.list_meter_health(); });
}

std::vector<ScheduleSource> SqliteRepository::schedule_sources() {
  return read([&](SqliteStore& store) { return store.schedule_sources(); });
}

std::vector<ConfigVersion> SqliteRepository::config_versions(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.config_versions(meter_id); });
}

std::optional<ConfigVersion> SqliteRepository::config_version(std::int64_t meter_id,
                                                              std::int64_t version) {
  return read([&](SqliteStore& store) { return store.config_version(meter_id, version); });
}

std::optional<ConfigVersion> SqliteRepository::latest_config_version(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.latest_config_version(meter_id); });
}

std::vector<ConfigTemplateVersion> SqliteRepository::template_versions(std::int64_t group_id) {
  return read([&](SqliteStore& store) { return store.template_versions(group_id); });
}

std::optional<ConfigTemplateVersion> SqliteRepository::latest_template_version(
    std::int64_t group_id) {
  return read([&](SqliteStore& store) { return store.latest_template_version(group_id); });
}

ConfigOverrides SqliteRepository::config_overrides(std::int64_t meter_id) {
  return read([&](SqliteStore& store) { return store.config_overrides(meter_id); });
}

std::optional<ConfigPush> SqliteRepository::config_push(std::int64_t id) {
  return read([&](SqliteStore& store) { return store.config_push(id); });
}

std::vector<ConfigPush> SqliteRepository::config_pushes(std::int64_t meter_id, const Page& page) {
  return read([&](SqliteStore& store) { return store.config_pushes(meter_id, page); });
}

std::vector<ConfigPush> SqliteRepository::unfinished_config_pushes() {
  return read([&](SqliteStore& store) { return store.unfinished_config_pushes(); });
}

std::vector<ConfigReadback> SqliteRepository::config_readbacks(std::int64_t meter_id,
                                                               const Page& page) {
  return read([&](SqliteStore& store) { return store.config_readbacks(meter_id, page); });
}

std::vector<AuditEntry> SqliteRepository::audit(const AuditFilter& filter, const Page& page) {
  return read([&](SqliteStore& store) { return store.audit(filter, page); });
}

}  // namespace jemhead::storage::sqlite
