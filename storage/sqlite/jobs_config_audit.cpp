// The head-end's record of its own work: the audit log of every write made through the API
// (job runs are in job_runs.cpp, configuration versions in config_store.cpp).
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

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
