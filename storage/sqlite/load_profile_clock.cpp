// Load-profile channel layouts (what a stored channel means) and meter clock readings.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

void SqliteStore::upsert_load_profile_layout(std::int64_t meter_id,
                                             const LoadProfileLayout& layout) {
  // Channels the meter no longer captures go: the stored layout is the one last read. The
  // enclosing transaction (every write runs in one) makes delete + upsert atomic.
  auto remove = db_.query(
      "DELETE FROM load_profile_channels WHERE meter_id = ? AND profile = ? AND channel > ?");
  remove.context("replace load profile layout")
      .bind(meter_id)
      .bind(static_cast<std::int64_t>(layout.profile))
      .bind(static_cast<std::int64_t>(layout.channels.size()))
      .run();
  auto q = db_.query(
      "INSERT INTO load_profile_channels(meter_id, profile, channel, obis, quantity, phase,"
      " description, unit, capture_period_s, updated_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT(meter_id, profile, channel) DO UPDATE SET obis = excluded.obis,"
      " quantity = excluded.quantity, phase = excluded.phase,"
      " description = excluded.description, unit = excluded.unit,"
      " capture_period_s = excluded.capture_period_s, updated_at_us = excluded.updated_at_us");
  q.context("upsert load profile layout");
  const auto now = utc_now();
  for (const auto& c : layout.channels) {
    q.rebind();
    q.bind(meter_id)
        .bind(static_cast<std::int64_t>(layout.profile))
        .bind(static_cast<std::int64_t>(c.channel))
        .bind(c.obis)
        .bind(c.quantity)
        .bind(c.phase)
        .bind(c.description)
        .bind(c.unit)
        .bind(layout.capture_period_s)
        .bind(now);
    q.run_for_meter(meter_id, "load profile layout");
  }
}

std::vector<LoadProfileLayout> SqliteStore::load_profile_layouts(std::int64_t meter_id) {
  auto q = db_.query(
      "SELECT profile, channel, obis, quantity, phase, description, unit, capture_period_s"
      " FROM load_profile_channels WHERE meter_id = ? ORDER BY profile, channel");
  q.context("read load profile layouts").bind(meter_id);
  std::vector<LoadProfileLayout> layouts;
  while (q.step()) {
    const auto profile = static_cast<std::uint8_t>(q.int64());
    if (layouts.empty() || layouts.back().profile != profile) {
      layouts.emplace_back();
      layouts.back().profile = profile;
    }
    LoadProfileChannel c;
    c.channel = static_cast<std::uint16_t>(q.int64());
    c.obis = q.text();
    c.quantity = q.text();
    c.phase = q.text();
    c.description = q.text();
    c.unit = q.text();
    // Every row of a layout carries its period; the last one read stands for all.
    layouts.back().capture_period_s = static_cast<std::uint32_t>(q.int64());
    layouts.back().channels.push_back(std::move(c));
  }
  return layouts;
}

std::int64_t SqliteStore::insert_clock_reading(const ClockRecord& r) {
  auto q = db_.query(
      "INSERT INTO clock_readings(meter_id, read_at_us, meter_time_us, offset_us, source,"
      " job_run_id, reading_kind) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.context("insert clock reading")
      .bind(r.reading.meter_id)
      .bind(r.reading.head_end_time)
      .bind(r.reading.meter_time)
      .bind(r.reading.offset_us())
      .bind(r.reading.source)
      .bind(r.job_run_id)
      .bind(r.kind);
  q.run_for_meter(r.reading.meter_id, "clock reading");
  return db_.last_insert_id();
}

std::vector<ClockRecord> SqliteStore::clock_readings(std::int64_t meter_id, const TimeRange& range,
                                                     const Page& page) {
  auto q = db_.query(
      "SELECT id, read_at_us, meter_time_us, source, job_run_id, reading_kind FROM clock_readings"
      " WHERE meter_id = ? AND id < ? AND read_at_us >= ? AND read_at_us < ?"
      " ORDER BY id DESC LIMIT ?");
  q.context("read clock readings")
      .bind(meter_id)
      .bind(page.after_id > 0 ? page.after_id : std::numeric_limits<std::int64_t>::max())
      .bind(range_from(range))
      .bind(range_to(range))
      .bind(sql_limit(page.limit));
  std::vector<ClockRecord> out;
  while (q.step()) {
    ClockRecord r;
    r.id = q.int64();
    r.reading.meter_id = meter_id;
    r.reading.head_end_time = q.time();
    r.reading.meter_time = q.time();
    r.reading.source = q.text();
    r.job_run_id = q.optional_int64();
    r.kind = q.text();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace jemhead::storage::sqlite
