// Parsed PQDIF content: observations and series instances, see migration 8. Values are
// stored as a blob of little-endian IEEE doubles per series.
#include <algorithm>
#include <bit>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

std::vector<std::uint8_t> values_blob(const std::vector<double>& values) {
  std::vector<std::uint8_t> bytes(values.size() * 8);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto bits = std::bit_cast<std::uint64_t>(values[i]);
    for (int b = 0; b < 8; ++b) bytes[i * 8 + b] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
  return bytes;
}

std::vector<double> values_of(std::span<const std::uint8_t> bytes) {
  std::vector<double> values(bytes.size() / 8);
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint64_t bits = 0;
    for (int b = 0; b < 8; ++b) bits |= std::uint64_t{bytes[i * 8 + b]} << (8 * b);
    values[i] = std::bit_cast<double>(bits);
  }
  return values;
}

constexpr std::string_view kObservationColumns =
    "id, file_id, index_in_file, name, time_start_us, time_create_us, time_triggered_us,"
    " trigger_method, channel_count, data_source_name";

constexpr std::string_view kSeriesColumns =
    "id, observation_id, channel_index, series_index, channel_name, phase, quantity_type,"
    " quantity_measured, channel_group_id, value_type, units, characteristic, storage_method,"
    " shared_from, value_count";

std::uint32_t u32(Query& q) {
  return static_cast<std::uint32_t>(q.int64());
}

PqdifObservationRow read_observation(Query& q) {
  PqdifObservationRow o;
  o.id = q.int64();
  o.file_id = q.int64();
  o.index_in_file = q.int64();
  o.name = q.text();
  o.time_start = q.time();
  o.time_create = q.time();
  o.time_triggered = q.optional_time();
  o.trigger_method = u32(q);
  o.channel_count = q.int64();
  o.data_source_name = q.text();
  return o;
}

PqdifSeriesRow read_series(Query& q) {
  PqdifSeriesRow s;
  s.id = q.int64();
  s.observation_id = q.int64();
  s.channel_index = u32(q);
  s.series_index = u32(q);
  s.channel_name = q.text();
  s.phase = u32(q);
  s.quantity_type = q.text();
  if (auto v = q.optional_int64()) s.quantity_measured = static_cast<std::uint32_t>(*v);
  if (auto v = q.optional_int64()) s.channel_group_id = static_cast<std::int32_t>(*v);
  s.value_type = q.text();
  s.units = u32(q);
  s.characteristic = q.text();
  s.storage_method = u32(q);
  // NULL reads as "", which no stored "c/s" can be.
  if (auto shared = q.text(); !shared.empty()) s.shared_from = std::move(shared);
  s.value_count = q.int64();
  return s;
}

bool file_exists(Connection& db, std::int64_t file_id) {
  auto q = db.query("SELECT 1 FROM pqdif_files WHERE id = ?");
  q.context("find PQDIF file").bind(file_id);
  return q.step();
}

void insert_observations(Connection& db, std::int64_t file_id,
                         std::span<const PqdifObservationRow> observations) {
  for (const auto& o : observations) {
    auto insert = db.query(
        "INSERT INTO pqdif_observations(file_id, index_in_file, name, time_start_us,"
        " time_create_us, time_triggered_us, trigger_method, channel_count, data_source_name)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.context("insert PQDIF observation")
        .bind(file_id)
        .bind(o.index_in_file)
        .bind(o.name)
        .bind(o.time_start)
        .bind(o.time_create)
        .bind(o.time_triggered)
        .bind(o.trigger_method)
        .bind(o.channel_count)
        .bind(o.data_source_name)
        .run();
    const auto observation_id = db.last_insert_id();
    for (const auto& s : o.series) {
      auto series = db.query(
          "INSERT INTO pqdif_series(observation_id, channel_index, series_index, channel_name,"
          " phase, quantity_type, quantity_measured, channel_group_id, value_type, units,"
          " characteristic, storage_method, shared_from, value_count, values_blob)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      // The values are what is stored; value_count follows them, whatever the caller said.
      const auto blob = values_blob(s.values);
      series.context("insert PQDIF series")
          .bind(observation_id)
          .bind(s.channel_index)
          .bind(s.series_index)
          .bind(s.channel_name)
          .bind(s.phase)
          .bind(s.quantity_type)
          .bind(s.quantity_measured);
      // GCC 12 warns (-Wmaybe-uninitialized) about an optional<int64> made from another.
      if (s.channel_group_id)
        series.bind(static_cast<std::int64_t>(*s.channel_group_id));
      else
        series.bind_null();
      series.bind(s.value_type)
          .bind(s.units)
          .bind(s.characteristic)
          .bind(s.storage_method)
          .bind(s.shared_from)
          .bind(static_cast<std::int64_t>(s.values.size()))
          .bind_blob(blob)
          .run();
    }
  }
}

}  // namespace

bool SqliteStore::replace_pqdif_content(std::int64_t file_id,
                                        std::span<const PqdifObservationRow> observations,
                                        const PqdifParseResult& result) {
  if (!file_exists(db_, file_id)) return false;
  auto drop = db_.query("DELETE FROM pqdif_observations WHERE file_id = ?");
  drop.context("drop PQDIF content").bind(file_id).run();  // series go by CASCADE
  insert_observations(db_, file_id, observations);
  return update_pqdif_parse_result(file_id, result);
}

bool SqliteStore::add_pqdif_observations(std::int64_t file_id,
                                         std::span<const PqdifObservationRow> observations) {
  if (!file_exists(db_, file_id)) return false;
  insert_observations(db_, file_id, observations);
  return true;
}

std::vector<PqdifObservationRow> SqliteStore::list_pqdif_observations(std::int64_t file_id) {
  auto q = db_.query("SELECT " + std::string(kObservationColumns) +
                     " FROM pqdif_observations WHERE file_id = ? ORDER BY index_in_file");
  q.context("list PQDIF observations").bind(file_id);
  std::vector<PqdifObservationRow> observations;
  while (q.step()) observations.push_back(read_observation(q));
  if (observations.empty()) return observations;

  // One query for every series of the file, in the same order as the observations.
  std::string sql =
      "SELECT s.id, s.observation_id, s.channel_index, s.series_index, s.channel_name, s.phase, "
      "s.quantity_type,"
      " s.quantity_measured, s.channel_group_id, s.value_type, s.units, s.characteristic,"
      " s.storage_method, s.shared_from, s.value_count"
      " FROM pqdif_series s JOIN pqdif_observations o ON o.id = s.observation_id"
      " WHERE o.file_id = ? ORDER BY o.index_in_file, s.channel_index, s.series_index";
  auto series = db_.query(sql);
  series.context("list PQDIF series").bind(file_id);
  std::size_t at = 0;
  while (series.step()) {
    auto row = read_series(series);
    while (at < observations.size() && observations[at].id != row.observation_id) ++at;
    if (at == observations.size())
      throw StorageError("pqdif_series: series " + std::to_string(row.id) +
                         " out of its observation's order");
    observations[at].series.push_back(std::move(row));
  }
  return observations;
}

std::optional<PqdifObservationRow> SqliteStore::find_pqdif_observation(std::int64_t file_id,
                                                                       std::int64_t index_in_file) {
  auto q = db_.query("SELECT " + std::string(kObservationColumns) +
                     " FROM pqdif_observations WHERE file_id = ? AND index_in_file = ?");
  q.context("find PQDIF observation").bind(file_id).bind(index_in_file);
  if (!q.step()) return std::nullopt;
  return read_observation(q);
}

std::vector<PqdifSeriesRow> SqliteStore::pqdif_series(std::int64_t observation_id,
                                                      std::span<const std::uint32_t> channels) {
  auto q = db_.query("SELECT " + std::string(kSeriesColumns) +
                     ", values_blob FROM pqdif_series WHERE observation_id = ?"
                     " ORDER BY channel_index, series_index");
  q.context("read PQDIF series").bind(observation_id);
  std::vector<PqdifSeriesRow> rows;
  while (q.step()) {
    auto row = read_series(q);
    if (!channels.empty() &&
        std::find(channels.begin(), channels.end(), row.channel_index) == channels.end())
      continue;
    const auto blob = q.blob();
    if (blob.size() != static_cast<std::size_t>(row.value_count) * 8)
      throw StorageError("pqdif_series " + std::to_string(row.id) + ": " +
                         std::to_string(blob.size()) + " value bytes for " +
                         std::to_string(row.value_count) + " values");
    row.values = values_of(blob);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace jemhead::storage::sqlite
