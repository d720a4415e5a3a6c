#pragma once
// The SQLite Repository: one writer connection behind a mutex (SQLite allows one writer
// at a time anyway; serialising in-process avoids busy waits) and a pool of reader
// connections that read committed data concurrently thanks to WAL.
//
// - A single write call outside transact() runs in its own transaction (BEGIN IMMEDIATE
//   takes the write lock up front, so a transaction never fails half-way on a lock).
// - transact(work) gives `work` a Store bound to the writer inside one transaction.
//   Calling the Repository's own write methods (or transact) from inside `work` on the
//   same thread is refused with StorageError instead of deadlocking; reads from inside
//   go to a reader and see committed data only.
// - ":memory:" (or reader_connections = 0) uses the writer connection for reads too, so
//   tests see one database; a read from inside transact() then sees the pending writes.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

#include "storage/repository.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

class SqliteRepository final : public Repository {
 public:
  explicit SqliteRepository(const SqliteOptions& options);
  ~SqliteRepository() override;

  void transact(const std::function<void(Store&)>& work) override;
  int schema_version() override;
  StorageStats stats() override;
  bool ping() override;
  void close() override;

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
  // Runs `work(SqliteStore&)` on the writer in one transaction; returns what work returns.
  template <typename Work>
  auto write(Work&& work);
  // Runs `work(SqliteStore&)` against committed data (one read snapshot).
  template <typename Work>
  auto read(Work&& work);

  void begin_write();
  void commit_write(std::int64_t changes_before);
  void rollback_write() noexcept;
  void refuse_nested_write() const;
  void throw_if_closed() const;

  // Marks the writer as held by this thread while a transaction runs.
  struct OwnerMark {
    explicit OwnerMark(std::atomic<std::thread::id>& owner) : owner_(owner) {
      owner_.store(std::this_thread::get_id());
    }
    ~OwnerMark() { owner_.store(std::thread::id{}); }
    std::atomic<std::thread::id>& owner_;
  };

  std::atomic<std::uint64_t> transactions_{0};
  std::atomic<std::uint64_t> rollbacks_{0};
  std::atomic<std::uint64_t> rows_written_{0};
  std::atomic<std::uint64_t> busy_retries_{0};

  std::mutex writer_mutex_;
  std::atomic<std::thread::id> writer_owner_{};
  std::atomic<bool> closed_{false};
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<SqliteStore> writer_store_;
  std::unique_ptr<ReaderPool> readers_;
};

template <typename Work>
auto SqliteRepository::write(Work&& work) {
  refuse_nested_write();
  std::lock_guard lock(writer_mutex_);
  throw_if_closed();
  OwnerMark mark(writer_owner_);
  std::int64_t changes_before = writer_->total_changes();
  begin_write();
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<Work, SqliteStore&>>) {
      work(*writer_store_);
      commit_write(changes_before);
    } else {
      auto result = work(*writer_store_);
      commit_write(changes_before);
      return result;
    }
  } catch (...) {
    rollback_write();
    throw;
  }
}

template <typename Work>
auto SqliteRepository::read(Work&& work) {
  if (readers_->empty()) {
    // Single-connection mode: inside our own transaction, read through it.
    if (writer_owner_.load() == std::this_thread::get_id()) return work(*writer_store_);
    std::lock_guard lock(writer_mutex_);
    throw_if_closed();
    return work(*writer_store_);
  }
  throw_if_closed();
  auto reader = readers_->borrow();
  Connection& db = *reader->connection;
  // One snapshot for reads made of several statements (a meter and its identification).
  db.query("BEGIN").run();
  try {
    auto result = work(reader->store);
    db.query("COMMIT").run();
    return result;
  } catch (...) {
    if (db.in_transaction()) {
      try {
        db.query("ROLLBACK").run();
      } catch (...) {  // keep the first error
      }
    }
    throw;
  }
}

}  // namespace jemhead::storage::sqlite
