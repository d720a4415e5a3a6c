// What drivers read from meters: registers, instantaneous values, log events, alarms and
// PQ files (load profile is in load_profile_values.cpp).
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

// Runs a batch insert of `rows`, one cached statement rebound per row. `bind` binds one
// row; when a row's foreign key fails, the error names that row's meter.
template <typename Row, typename Bind>
void insert_batch(Connection& db, std::string_view sql, std::string_view what,
                  std::span<const Row> rows, Bind bind) {
  if (rows.empty()) return;
  auto q = db.query(sql);
  q.context(what);
  for (const Row& row : rows) {
    q.rebind();
    bind(q, row);
    q.run_for_meter(row.meter_id, what);
  }
}

}  // namespace

void SqliteStore::insert_registers(std::span<const RegisterReading> readings) {
  insert_batch(db_,
               "INSERT INTO registers(meter_id, register_id, description, value, unit,"
               " read_at_us, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
               "insert registers", readings, [](Query& q, const RegisterReading& r) {
                 q.bind(r.meter_id)
                     .bind(r.register_id)
                     .bind(r.description)
                     .bind(r.value)
                     .bind(r.unit)
                     .bind(r.read_at)
                     .bind(r.source);
               });
}

std::vector<RegisterReading> SqliteStore::registers(std::int64_t meter_id, const TimeRange& range,
                                                    std::size_t limit) {
  auto q = db_.query(
      "SELECT register_id, description, value, unit, read_at_us, source FROM registers"
      " WHERE meter_id = ? AND read_at_us >= ? AND read_at_us < ?"
      " ORDER BY read_at_us, id LIMIT ?");
  q.context("read registers")
      .bind(meter_id)
      .bind(range_from(range))
      .bind(range_to(range))
      .bind(sql_limit(limit));
  std::vector<RegisterReading> readings;
  while (q.step()) {
    RegisterReading r;
    r.meter_id = meter_id;
    r.register_id = q.text();
    r.description = q.text();
    r.value = q.real();
    r.unit = q.text();
    r.read_at = q.time();
    r.source = q.text();
    readings.push_back(std::move(r));
  }
  return readings;
}

void SqliteStore::insert_instantaneous(std::span<const InstantaneousValue> values) {
  insert_batch(db_,
               "INSERT INTO instantaneous(meter_id, quantity, phase, value, unit, read_at_us,"
               " source) VALUES (?, ?, ?, ?, ?, ?, ?)",
               "insert instantaneous values", values, [](Query& q, const InstantaneousValue& v) {
                 q.bind(v.meter_id)
                     .bind(v.quantity)
                     .bind(v.phase)
                     .bind(v.value)
                     .bind(v.unit)
                     .bind(v.read_at)
                     .bind(v.source);
               });
}

std::vector<InstantaneousValue> SqliteStore::instantaneous(std::int64_t meter_id,
                                                           const TimeRange& range,
                                                           std::size_t limit) {
  auto q = db_.query(
      "SELECT quantity, phase, value, unit, read_at_us, source FROM instantaneous"
      " WHERE meter_id = ? AND read_at_us >= ? AND read_at_us < ?"
      " ORDER BY read_at_us, id LIMIT ?");
  q.context("read instantaneous values")
      .bind(meter_id)
      .bind(range_from(range))
      .bind(range_to(range))
      .bind(sql_limit(limit));
  std::vector<InstantaneousValue> values;
  while (q.step()) {
    InstantaneousValue v;
    v.meter_id = meter_id;
    v.quantity = q.text();
    v.phase = q.text();
    v.value = q.real();
    v.unit = q.text();
    v.read_at = q.time();
    v.source = q.text();
    values.push_back(std::move(v));
  }
  return values;
}

void SqliteStore::insert_events(std::span<const LogEvent> events) {
  insert_batch(db_,
               "INSERT INTO log_events(meter_id, log_name, event_time_us, code, description,"
               " raw) VALUES (?, ?, ?, ?, ?, ?)",
               "insert log events", events, [](Query& q, const LogEvent& e) {
                 q.bind(e.meter_id)
                     .bind(e.log)
                     .bind(e.event_time)
                     .bind(e.code)
                     .bind(e.description)
                     .bind(e.raw);
               });
}

std::vector<LogEvent> SqliteStore::events(std::int64_t meter_id, const TimeRange& range,
                                          const Page& page) {
  auto q = db_.query(
      "SELECT id, log_name, event_time_us, code, description, raw FROM log_events"
      " WHERE meter_id = ? AND id > ? AND event_time_us >= ? AND event_time_us < ?"
      " ORDER BY id LIMIT ?");
  q.context("read log events")
      .bind(meter_id)
      .bind(page.after_id)
      .bind(range_from(range))
      .bind(range_to(range))
      .bind(sql_limit(page.limit));
  std::vector<LogEvent> events;
  while (q.step()) {
    LogEvent e;
    e.id = q.int64();
    e.meter_id = meter_id;
    e.log = q.text();
    e.event_time = q.time();
    e.code = q.text();
    e.description = q.text();
    e.raw = q.text();
    events.push_back(std::move(e));
  }
  return events;
}

std::int64_t SqliteStore::insert_alarm(const Alarm& a) {
  auto q = db_.query(
      "INSERT INTO alarms(meter_id, alarm_type, event_time_us, received_at_us, channel,"
      " fields_json, raw, acknowledged, acknowledged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.context("insert alarm")
      .bind(a.meter_id)
      .bind(a.type)
      .bind(a.event_time)
      .bind(a.received_at)
      .bind(a.channel)
      .bind(a.fields_json)
      .bind(a.raw)
      .bind(a.acknowledged)
      .bind(a.acknowledged_by);
  q.run_for_meter(a.meter_id.value_or(0), "alarm");
  return db_.last_insert_id();
}

std::vector<Alarm> SqliteStore::alarms(std::optional<std::int64_t> meter_id, const TimeRange& range,
                                       const Page& page) {
  // Two statements rather than "? IS NULL OR meter_id = ?", so each can use its index.
  std::string sql =
      "SELECT id, meter_id, alarm_type, event_time_us, received_at_us, channel, fields_json,"
      " raw, acknowledged, acknowledged_by FROM alarms WHERE ";
  if (meter_id) sql += "meter_id = ? AND ";
  sql += "id > ? AND event_time_us >= ? AND event_time_us < ? ORDER BY id LIMIT ?";
  auto q = db_.query(sql);
  q.context("read alarms");
  if (meter_id) q.bind(*meter_id);
  q.bind(page.after_id).bind(range_from(range)).bind(range_to(range)).bind(sql_limit(page.limit));
  std::vector<Alarm> alarms;
  while (q.step()) {
    Alarm a;
    a.id = q.int64();
    a.meter_id = q.optional_int64();
    a.type = q.text();
    a.event_time = q.time();
    a.received_at = q.time();
    a.channel = q.text();
    a.fields_json = q.text();
    a.raw = q.text();
    a.acknowledged = q.boolean();
    a.acknowledged_by = q.text();
    alarms.push_back(std::move(a));
  }
  return alarms;
}

std::int64_t SqliteStore::insert_pq_file(const PqFile& f) {
  auto q = db_.query(
      "INSERT INTO pq_files(meter_id, name, data_type, start_us, end_us, size_bytes, sha256,"
      " arrived_via, stored_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.context("insert PQ file")
      .bind(f.meter_id)
      .bind(f.name)
      .bind(f.data_type)
      .bind(f.start)
      .bind(f.end)
      .bind(f.size)
      .bind(f.sha256)
      .bind(f.arrived_via)
      .bind(or_now(f.stored_at));
  q.run_for_meter(f.meter_id, "PQ file");
  return db_.last_insert_id();
}

std::vector<PqFile> SqliteStore::pq_files(std::optional<std::int64_t> meter_id,
                                          const TimeRange& range, const Page& page) {
  std::string sql =
      "SELECT id, meter_id, name, data_type, start_us, end_us, size_bytes, sha256,"
      " arrived_via, stored_at_us FROM pq_files WHERE ";
  if (meter_id) sql += "meter_id = ? AND ";
  sql += "id > ? AND start_us >= ? AND start_us < ? ORDER BY id LIMIT ?";
  auto q = db_.query(sql);
  q.context("read PQ files");
  if (meter_id) q.bind(*meter_id);
  q.bind(page.after_id).bind(range_from(range)).bind(range_to(range)).bind(sql_limit(page.limit));
  std::vector<PqFile> files;
  while (q.step()) {
    PqFile f;
    f.id = q.int64();
    f.meter_id = q.int64();
    f.name = q.text();
    f.data_type = q.text();
    f.start = q.time();
    f.end = q.time();
    f.size = q.int64();
    f.sha256 = q.text();
    f.arrived_via = q.text();
    f.stored_at = q.time();
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace jemhead::storage::sqlite
