// What the collection engine keeps between runs and loads at start: each meter's health
// and, for every meter, the schedules that apply to it.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kHealthColumns =
    "meter_id, consecutive_failures, healthy, last_success_us, last_failure_us,"
    " next_attempt_us, last_error";

MeterHealth read_health_row(Query& q) {
  MeterHealth h;
  h.meter_id = q.int64();
  h.consecutive_failures = static_cast<int>(q.int64());
  h.healthy = q.boolean();
  h.last_success = q.optional_time();
  h.last_failure = q.optional_time();
  h.next_attempt = q.optional_time();
  h.last_error = q.text();
  return h;
}

}  // namespace

std::optional<MeterHealth> SqliteStore::meter_health(std::int64_t meter_id) {
  auto q =
      db_.query("SELECT " + std::string(kHealthColumns) + " FROM meter_health WHERE meter_id = ?");
  q.context("read meter health").bind(meter_id);
  if (!q.step()) return std::nullopt;
  return read_health_row(q);
}

void SqliteStore::put_meter_health(const MeterHealth& h) {
  auto q = db_.query(
      "INSERT INTO meter_health(meter_id, consecutive_failures, healthy, last_success_us,"
      " last_failure_us, next_attempt_us, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT(meter_id) DO UPDATE SET"
      " consecutive_failures = excluded.consecutive_failures, healthy = excluded.healthy,"
      " last_success_us = excluded.last_success_us, last_failure_us = excluded.last_failure_us,"
      " next_attempt_us = excluded.next_attempt_us, last_error = excluded.last_error");
  q.context("write meter health")
      .bind(h.meter_id)
      .bind(h.consecutive_failures)
      .bind(h.healthy)
      .bind(h.last_success)
      .bind(h.last_failure)
      .bind(h.next_attempt)
      .bind(h.last_error);
  q.run_for_meter(h.meter_id, "health");
}

std::vector<MeterHealth> SqliteStore::list_meter_health() {
  auto q =
      db_.query("SELECT " + std::string(kHealthColumns) + " FROM meter_health ORDER BY meter_id");
  q.context("list meter health");
  std::vector<MeterHealth> all;
  while (q.step()) all.push_back(read_health_row(q));
  return all;
}

std::vector<ScheduleSource> SqliteStore::schedule_sources() {
  // One pass over meters in primary-key order joined to their group by its primary key:
  // no identification rows, no per-meter queries, so 10,000 meters load in milliseconds.
  auto q = db_.query(
      "SELECT m.id, m.enabled, m.group_id, m.time_zone, m.schedules_json,"
      " COALESCE(g.schedules_json, '{}'), m.created_at_us"
      " FROM meters AS m LEFT JOIN meter_groups AS g ON g.id = m.group_id ORDER BY m.id");
  q.context("read schedule sources");
  std::vector<ScheduleSource> sources;
  while (q.step()) {
    ScheduleSource s;
    s.meter_id = q.int64();
    s.enabled = q.boolean();
    s.group_id = q.optional_int64();
    s.time_zone = q.text();
    s.meter_schedules_json = q.text();
    s.group_schedules_json = q.text();
    s.created_at = from_unix_micros(q.int64());
    sources.push_back(std::move(s));
  }
  return sources;
}

}  // namespace jemhead::storage::sqlite
