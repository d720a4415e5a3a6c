// What drivers read from meters: registers, instantaneous values, log events and PQ files
// (load profile is in load_profile_values.cpp; pushed alarms in alarms.cpp).
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

}  // namespace jemhead::storage::sqlite
