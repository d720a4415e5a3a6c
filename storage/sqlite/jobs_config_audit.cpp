// The head-end's records of its own work: configuration versions and the audit log of
// every write made through the API (job runs are in job_runs.cpp).
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

ConfigVersion SqliteStore::insert_config_version(const ConfigVersion& v) {
  // The version is computed inside the INSERT, under the transaction's write lock, so two
  // writers can never assign the same number (the UNIQUE key is the backstop).
  ConfigVersion stored = v;
  stored.created_at = or_now(v.created_at);
  auto q = db_.query(
      "INSERT INTO config_versions(meter_id, version, created_at_us, author, reason,"
      " document_json)"
      " SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM config_versions"
      " WHERE meter_id = ?"
      " RETURNING id, version");
  q.context("insert configuration version")
      .bind(v.meter_id)
      .bind(stored.created_at)
      .bind(v.author)
      .bind(v.reason)
      .bind(v.document_json)
      .bind(v.meter_id);
  try {
    q.step();
  } catch (const NotFound&) {
    throw_unknown_meter("configuration version", v.meter_id);
  }
  stored.id = q.int64();
  stored.version = q.int64();
  q.run();  // finish the statement so the insert is complete before the Query resets
  return stored;
}

std::vector<ConfigVersion> SqliteStore::config_versions(std::int64_t meter_id) {
  auto q = db_.query(
      "SELECT id, version, created_at_us, author, reason, document_json FROM config_versions"
      " WHERE meter_id = ? ORDER BY version");
  q.context("read configuration versions").bind(meter_id);
  std::vector<ConfigVersion> versions;
  while (q.step()) {
    ConfigVersion v;
    v.id = q.int64();
    v.meter_id = meter_id;
    v.version = q.int64();
    v.created_at = q.time();
    v.author = q.text();
    v.reason = q.text();
    v.document_json = q.text();
    versions.push_back(std::move(v));
  }
  return versions;
}

std::int64_t SqliteStore::append_audit(const AuditEntry& e) {
  db_.query(
         "INSERT INTO audit_log(at_us, actor, action, target, detail_json)"
         " VALUES (?, ?, ?, ?, ?)")
      .context("append audit entry")
      .bind(or_now(e.at))
      .bind(e.actor)
      .bind(e.action)
      .bind(e.target)
      .bind(e.detail_json)
      .run();
  return db_.last_insert_id();
}

std::vector<AuditEntry> SqliteStore::audit(const AuditFilter& filter, const Page& page) {
  // Actor and target match exactly; only the filters that are set appear in the SQL.
  std::string sql =
      "SELECT id, at_us, actor, action, target, detail_json FROM audit_log WHERE id > ?";
  if (!filter.actor.empty()) sql += " AND actor = ?";
  if (!filter.target.empty()) sql += " AND target = ?";
  sql += " AND at_us >= ? AND at_us < ? ORDER BY id LIMIT ?";
  auto q = db_.query(sql);
  q.context("read audit log").bind(page.after_id);
  if (!filter.actor.empty()) q.bind(filter.actor);
  if (!filter.target.empty()) q.bind(filter.target);
  q.bind(range_from(filter.time)).bind(range_to(filter.time)).bind(sql_limit(page.limit));
  std::vector<AuditEntry> entries;
  while (q.step()) {
    AuditEntry e;
    e.id = q.int64();
    e.at = q.time();
    e.actor = q.text();
    e.action = q.text();
    e.target = q.text();
    e.detail_json = q.text();
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace jemhead::storage::sqlite
