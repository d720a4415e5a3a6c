// Stored PQDIF files: one row per (file name, content), see migration 7. The bytes are not
// here but in the content-addressed file store, keyed by the sha256 column.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/stored_enums.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kColumns =
    "id, meter_id, file_name, sha256, size_bytes, data_type, file_time_us, received_at_us,"
    " source, compressed, parse_status, parse_error, first_observation_us,"
    " last_observation_us, observation_count";

PqdifStoredFile read_row(Query& q) {
  PqdifStoredFile f;
  f.id = q.int64();
  f.meter_id = q.optional_int64();
  f.file_name = q.text();
  f.sha256 = q.text();
  f.size_bytes = q.int64();
  if (auto type = q.optional_int64()) f.data_type = static_cast<std::uint32_t>(*type);
  f.file_time = q.optional_time();
  f.received_at = q.time();
  f.source = stored_enum<PqdifSource>(q.text(), "pqdif_files", "source");
  if (auto compressed = q.optional_int64()) f.parse.compressed = *compressed != 0;
  f.parse.status = stored_enum<PqdifParseStatus>(q.text(), "pqdif_files", "parse_status");
  f.parse.error = q.text();
  f.parse.first_observation = q.optional_time();
  f.parse.last_observation = q.optional_time();
  f.parse.observation_count = q.optional_int64();
  return f;
}

void bind_parse_result(Query& q, const PqdifParseResult& r) {
  q.bind(to_text(r.status)).bind(r.error).bind(r.compressed);
  q.bind(r.first_observation).bind(r.last_observation).bind(r.observation_count);
}

}  // namespace

PqdifInsert SqliteStore::insert_pqdif_file(const PqdifStoredFile& f) {
  auto insert = db_.query(
      "INSERT INTO pqdif_files(meter_id, file_name, sha256, size_bytes, data_type,"
      " file_time_us, received_at_us, source, parse_status, parse_error, compressed,"
      " first_observation_us, last_observation_us, observation_count)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT(file_name, sha256) DO NOTHING");
  insert.context("insert PQDIF file")
      .bind(f.meter_id)
      .bind(f.file_name)
      .bind(f.sha256)
      .bind(f.size_bytes)
      .bind(f.data_type)
      .bind(f.file_time)
      .bind(or_now(f.received_at))
      .bind(to_text(f.source));
  bind_parse_result(insert, f.parse);
  insert.run_for_meter(f.meter_id.value_or(0), "PQDIF file '" + f.file_name + "'");
  if (db_.changes() > 0) return {db_.last_insert_id(), true};

  auto existing =
      db_.query("SELECT id, meter_id FROM pqdif_files WHERE file_name = ? AND sha256 = ?");
  existing.context("find stored PQDIF file").bind(f.file_name).bind(f.sha256);
  if (!existing.step()) throw StorageError("PQDIF file '" + f.file_name + "' vanished on insert");
  const auto id = existing.int64();
  const auto stored_meter = existing.optional_int64();
  if (!stored_meter && f.meter_id) {
    // The file came first from nowhere known (its meter not yet in the fleet); now it is.
    auto adopt = db_.query("UPDATE pqdif_files SET meter_id = ? WHERE id = ?");
    adopt.context("record the meter of a PQDIF file").bind(f.meter_id).bind(id);
    adopt.run_for_meter(*f.meter_id, "PQDIF file '" + f.file_name + "'");
  }
  return {id, false};
}

std::optional<PqdifStoredFile> SqliteStore::find_pqdif_file(std::int64_t id) {
  auto q = db_.query("SELECT " + std::string(kColumns) + " FROM pqdif_files WHERE id = ?");
  q.context("find PQDIF file").bind(id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

std::vector<PqdifStoredFile> SqliteStore::list_pqdif_files(const PqdifFileFilter& filter,
                                                           const Page& page) {
  // Only the filters that are set appear in the SQL, so the planner can use the
  // (meter_id, id) or file time index.
  std::string sql = "SELECT " + std::string(kColumns) + " FROM pqdif_files WHERE 1 = 1";
  if (filter.meter_id) sql += " AND meter_id = ?";
  if (filter.data_type_any != 0) sql += " AND (data_type & ?) <> 0";
  if (filter.file_time.from) sql += " AND file_time_us >= ?";
  if (filter.file_time.to) sql += " AND file_time_us < ?";
  if (filter.source) sql += " AND source = ?";
  if (filter.parse_status) sql += " AND parse_status = ?";
  if (!filter.file_name.empty()) sql += " AND file_name = ?";
  append_newest_first(sql, page);

  auto q = db_.query(sql);
  q.context("list PQDIF files");
  if (filter.meter_id) q.bind(*filter.meter_id);
  if (filter.data_type_any != 0) q.bind(filter.data_type_any);
  if (filter.file_time.from) q.bind(*filter.file_time.from);
  if (filter.file_time.to) q.bind(*filter.file_time.to);
  if (filter.source) q.bind(to_text(*filter.source));
  if (filter.parse_status) q.bind(to_text(*filter.parse_status));
  if (!filter.file_name.empty()) q.bind(filter.file_name);
  bind_newest_first(q, page);

  std::vector<PqdifStoredFile> files;
  while (q.step()) files.push_back(read_row(q));
  return files;
}

std::vector<PqdifStoredFile> SqliteStore::pending_pqdif_files(const Page& page) {
  // Served by the partial index pqdif_files_pending.
  auto q = db_.query("SELECT " + std::string(kColumns) +
                     " FROM pqdif_files WHERE parse_status = 'pending' AND id > ?"
                     " ORDER BY id LIMIT ?");
  q.context("list pending PQDIF files").bind(page.after_id).bind(sql_limit(page.limit));
  std::vector<PqdifStoredFile> files;
  while (q.step()) files.push_back(read_row(q));
  return files;
}

bool SqliteStore::update_pqdif_parse_result(std::int64_t id, const PqdifParseResult& result) {
  auto q = db_.query(
      "UPDATE pqdif_files SET parse_status = ?, parse_error = ?, compressed = ?,"
      " first_observation_us = ?, last_observation_us = ?, observation_count = ? WHERE id = ?");
  q.context("record PQDIF parse result");
  bind_parse_result(q, result);
  q.bind(id).run();
  return db_.changes() > 0;
}

}  // namespace jemhead::storage::sqlite
