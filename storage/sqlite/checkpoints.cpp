// Collection checkpoints ("last LP interval stored", "last event read"). They are written
// in the same transaction as the data they describe, which is what makes collection
// restartable without loss or duplicates.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

std::optional<std::string> SqliteStore::checkpoint(std::int64_t meter_id, const std::string& key) {
  auto q = db_.query("SELECT value FROM checkpoints WHERE meter_id = ? AND checkpoint_key = ?");
  q.context("read checkpoint").bind(meter_id).bind(key);
  if (!q.step()) return std::nullopt;
  return q.text();
}

void SqliteStore::set_checkpoint(std::int64_t meter_id, const std::string& key,
                                 const std::string& value) {
  auto q = db_.query(
      "INSERT INTO checkpoints(meter_id, checkpoint_key, value, updated_at_us) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(meter_id, checkpoint_key)"
      " DO UPDATE SET value = excluded.value, updated_at_us = excluded.updated_at_us");
  q.context("write checkpoint").bind(meter_id).bind(key).bind(value).bind(utc_now());
  q.run_for_meter(meter_id, "checkpoint '" + key + "'");
}

std::vector<Checkpoint> SqliteStore::checkpoints_with_prefix(const std::string& key_prefix) {
  // substr/length count characters, so a multi-byte prefix compares whole characters; an
  // empty prefix selects every checkpoint.
  auto q = db_.query(
      "SELECT meter_id, checkpoint_key, value FROM checkpoints"
      " WHERE substr(checkpoint_key, 1, length(?)) = ? ORDER BY meter_id, checkpoint_key");
  q.context("read checkpoints by prefix").bind(key_prefix).bind(key_prefix);
  std::vector<Checkpoint> found;
  while (q.step()) {
    Checkpoint c;
    c.meter_id = q.int64();
    c.key = q.text();
    c.value = q.text();
    found.push_back(std::move(c));
  }
  return found;
}

std::vector<Checkpoint> SqliteStore::meter_checkpoints(std::int64_t meter_id,
                                                       const std::string& key_prefix) {
  auto q = db_.query(
      "SELECT checkpoint_key, value FROM checkpoints"
      " WHERE meter_id = ? AND substr(checkpoint_key, 1, length(?)) = ? ORDER BY checkpoint_key");
  q.context("read a meter's checkpoints").bind(meter_id).bind(key_prefix).bind(key_prefix);
  std::vector<Checkpoint> found;
  while (q.step()) {
    Checkpoint c;
    c.meter_id = meter_id;
    c.key = q.text();
    c.value = q.text();
    found.push_back(std::move(c));
  }
  return found;
}

}  // namespace jemhead::storage::sqlite
