// Load profile: per-channel values in and out of the Store, one row per interval inside
// (table load_profile_intervals, blob format in load_profile_blob.hpp).
#include <algorithm>
#include <cmath>
#include <tuple>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

auto key(const LoadProfileInterval& i) {
  return std::tie(i.meter_id, i.profile, i.interval_end_us);
}

std::string describe(std::int64_t meter_id, int profile, std::int64_t interval_end_us) {
  std::string text = "meter ";
  text += std::to_string(meter_id);
  text += ", profile ";
  text += std::to_string(profile);
  text += ", interval ending ";
  text += format_iso8601(from_unix_micros(interval_end_us));
  return text;
}

[[noreturn]] void refuse(const LoadProfileValue& v, const std::string& why) {
  std::string text = "upsert load profile: ";
  text += describe(v.meter_id, v.profile, to_unix_micros(v.interval_end));
  text += ", channel ";
  text += std::to_string(v.channel);
  text += ": ";
  text += why;
  throw StorageError(text);
}

void check(const LoadProfileValue& v) {
  if (v.profile != 1 && v.profile != 2) refuse(v, "profile must be 1 or 2");
  if (v.channel < 1 || v.channel > kLoadProfileChannels)
    refuse(v, "channel must be 1..16 (the meter has 16 load-profile channels)");
  if (std::isnan(v.value)) refuse(v, "the value is NaN");
}

}  // namespace

std::vector<LoadProfileInterval> group_load_profile(std::span<const LoadProfileValue> values) {
  std::vector<LoadProfileInterval> intervals;
  intervals.reserve(values.size() / kLoadProfileChannels + 1);  // exact for whole intervals
  bool in_order = true;
  for (const auto& v : values) {
    check(v);
    const std::int64_t end_us = to_unix_micros(v.interval_end);
    if (intervals.empty() || intervals.back().meter_id != v.meter_id ||
        intervals.back().profile != v.profile || intervals.back().interval_end_us != end_us) {
      LoadProfileInterval next;
      next.meter_id = v.meter_id;
      next.profile = v.profile;
      next.interval_end_us = end_us;
      if (!intervals.empty() && !(key(intervals.back()) < key(next))) in_order = false;
      intervals.push_back(next);
    }
    intervals.back().values.set(v.channel, v.value, v.status);
  }
  // Drivers deliver whole intervals in time order, so this is the exception: a stable sort
  // keeps the writes to one key in order, and merging them in that order lets the later
  // value of a channel win.
  if (!in_order) {
    std::stable_sort(intervals.begin(), intervals.end(),
                     [](const auto& a, const auto& b) { return key(a) < key(b); });
    std::size_t kept = 0;
    for (std::size_t i = 1; i < intervals.size(); ++i) {
      if (key(intervals[kept]) == key(intervals[i]))
        intervals[kept].values.merge(intervals[i].values);
      else
        intervals[++kept] = intervals[i];
    }
    intervals.resize(intervals.empty() ? 0 : kept + 1);
  }
  return intervals;
}

std::string upsert_load_profile_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO load_profile_intervals(meter_id, profile, interval_end_us, status, vals)"
      " VALUES ";
  for (std::size_t i = 0; i < rows; ++i) sql += i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)";
  // Both SET expressions see the stored row, so the status is computed from the same merge.
  sql +=
      " ON CONFLICT(meter_id, profile, interval_end_us) DO UPDATE SET"
      " vals = lp_merge(vals, status, excluded.vals, excluded.status),"
      " status = lp_merge_status(vals, status, excluded.vals, excluded.status)";
  return sql;
}

namespace {

void bind_interval(Query& q, const LoadProfileInterval& i) {
  const auto blob = encode_interval(i.values);
  q.bind(i.meter_id)
      .bind(static_cast<std::int64_t>(i.profile))
      .bind(i.interval_end_us)
      .bind(i.values.status())
      .bind_blob(blob.view());
}

constexpr std::string_view kUpsertWhat = "upsert load profile";

// One row per statement, each failure naming its row: the meter for a missing meter
// (NotFound), the interval for anything else (a stored blob that does not decode).
void upsert_one_by_one(Connection& db, const std::string& sql,
                       std::span<const LoadProfileInterval> rows) {
  if (rows.empty()) return;
  auto q = db.query(sql);
  q.context(kUpsertWhat);
  for (const auto& row : rows) {
    q.rebind();
    bind_interval(q, row);
    try {
      q.run_for_meter(row.meter_id, kUpsertWhat);
    } catch (const NotFound&) {
      throw;
    } catch (const StorageError& e) {
      std::string text = e.what();
      text += " (";
      text += describe(row.meter_id, row.profile, row.interval_end_us);
      text += ")";
      throw StorageError(text);
    }
  }
}

}  // namespace

void SqliteStore::upsert_load_profile(std::span<const LoadProfileValue> values) {
  static const std::string chunk_sql = upsert_load_profile_sql(kLoadProfileRowsPerStatement);
  static const std::string single_sql = upsert_load_profile_sql(1);
  const auto intervals = group_load_profile(values);
  const std::span<const LoadProfileInterval> all(intervals);

  std::size_t whole = all.size() - all.size() % kLoadProfileRowsPerStatement;
  if (whole > 0) {
    auto q = db_.query(chunk_sql);
    q.context(kUpsertWhat);
    for (std::size_t offset = 0; offset < whole; offset += kLoadProfileRowsPerStatement) {
      auto chunk = all.subspan(offset, kLoadProfileRowsPerStatement);
      q.rebind();
      for (const auto& row : chunk) bind_interval(q, row);
      try {
        q.run();
      } catch (const StorageError&) {
        // The failed statement changed nothing; redo its rows singly to name the row.
        upsert_one_by_one(db_, single_sql, chunk);
        throw;
      }
    }
  }
  upsert_one_by_one(db_, single_sql, all.subspan(whole));
}

std::vector<LoadProfileValue> SqliteStore::load_profile(std::int64_t meter_id, std::uint8_t profile,
                                                        const TimeRange& range) {
  auto q = db_.query(
      "SELECT interval_end_us, status, vals FROM load_profile_intervals"
      " WHERE meter_id = ? AND profile = ? AND interval_end_us >= ? AND interval_end_us < ?"
      " ORDER BY interval_end_us");
  q.context("read load profile")
      .bind(meter_id)
      .bind(static_cast<std::int64_t>(profile))
      .bind(range_from(range))
      .bind(range_to(range));
  std::vector<LoadProfileValue> values;
  IntervalValues interval;
  std::string why;
  while (q.step()) {
    const std::int64_t end_us = q.int64();
    const auto status = static_cast<std::uint32_t>(q.int64());
    if (!decode_interval(q.blob(), status, interval, why)) {
      std::string text = "read load profile: the stored values of ";
      text += describe(meter_id, profile, end_us);
      text += " are corrupt: ";
      text += why;
      throw StorageError(text);
    }
    LoadProfileValue v;
    v.meter_id = meter_id;
    v.profile = profile;
    v.interval_end = from_unix_micros(end_us);
    for (int c = 1; c <= kLoadProfileChannels; ++c) {
      if (!interval.has(c)) continue;
      v.channel = static_cast<std::uint16_t>(c);
      v.value = interval.values[static_cast<std::size_t>(c - 1)];
      v.status = interval.statuses[static_cast<std::size_t>(c - 1)];
      values.push_back(v);
    }
  }
  return values;
}

}  // namespace jemhead::storage::sqlite
