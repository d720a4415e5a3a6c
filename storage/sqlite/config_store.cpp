// Configuration management records (schema steps 3 and 10): meter configuration versions,
// group templates, per-meter overrides, pushes with their per-section results, read-backs.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/json_text.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/stored_enums.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kVersionColumns =
    "id, meter_id, version, created_at_us, author, reason, document_json, source,"
    " template_version";

ConfigVersion read_version_row(Query& q) {
  ConfigVersion v;
  v.id = q.int64();
  v.meter_id = q.int64();
  v.version = q.int64();
  v.created_at = q.time();
  v.author = q.text();
  v.reason = q.text();
  v.document_json = q.text();
  v.source = stored_enum<ConfigSource>(q.text(), "configuration versions", "source");
  v.template_version = q.optional_int64();
  return v;
}

constexpr std::string_view kTemplateColumns =
    "id, group_id, version, created_at_us, author, reason, document_json";

ConfigTemplateVersion read_template_row(Query& q) {
  ConfigTemplateVersion v;
  v.id = q.int64();
  v.group_id = q.int64();
  v.version = q.int64();
  v.created_at = q.time();
  v.author = q.text();
  v.reason = q.text();
  v.document_json = q.text();
  return v;
}

constexpr std::string_view kPushColumns =
    "id, meter_id, version, sections_json, confirmed, requested_by, requested_at_us,"
    " started_at_us, finished_at_us, status, impact_json, error";

ConfigPush read_push_row(Query& q) {
  ConfigPush p;
  p.id = q.int64();
  p.meter_id = q.int64();
  p.version = q.int64();
  p.sections = string_list_from_json(q.text(), "configuration push sections");
  p.confirmed = q.boolean();
  p.requested_by = q.text();
  p.requested_at = q.time();
  p.started_at = q.optional_time();
  p.finished_at = q.optional_time();
  p.status = stored_enum<ConfigPushStatus>(q.text(), "configuration pushes", "status");
  p.impact_json = q.text();
  p.error = q.text();
  return p;
}

// The push's results in the order they were recorded.
std::vector<ConfigPushSection> read_push_results(Connection& db, std::int64_t push_id) {
  auto q = db.query(
      "SELECT section, outcome, detail, protocol FROM config_push_results WHERE push_id = ?"
      " ORDER BY position");
  q.context("read configuration push results").bind(push_id);
  std::vector<ConfigPushSection> results;
  while (q.step()) {
    ConfigPushSection s;
    s.section = q.text();
    s.outcome = q.text();
    s.detail = q.text();
    s.protocol = q.text();
    results.push_back(std::move(s));
  }
  return results;
}

// Replaces the push's results: a push records its sections as it goes, and each update
// carries the whole list so far.
void write_push_results(Connection& db, std::int64_t push_id,
                        const std::vector<ConfigPushSection>& results) {
  db.query("DELETE FROM config_push_results WHERE push_id = ?")
      .context("replace configuration push results")
      .bind(push_id)
      .run();
  auto q = db.query(
      "INSERT INTO config_push_results(push_id, position, section, outcome, detail, protocol)"
      " VALUES (?, ?, ?, ?, ?, ?)");
  q.context("insert configuration push result");
  std::int64_t position = 0;
  for (const auto& s : results) {
    q.rebind();
    q.bind(push_id)
        .bind(position++)
        .bind(s.section)
        .bind(s.outcome)
        .bind(s.detail)
        .bind(s.protocol);
    q.run();
  }
}

std::vector<ConfigPush> read_pushes(Connection& db, Query& q) {
  std::vector<ConfigPush> pushes;
  while (q.step()) pushes.push_back(read_push_row(q));
  for (auto& p : pushes) p.results = read_push_results(db, p.id);
  return pushes;
}

bool meter_exists(Connection& db, std::int64_t meter_id) {
  auto q = db.query("SELECT 1 FROM meters WHERE id = ?");
  q.context("find meter").bind(meter_id);
  return q.step();
}

}  // namespace

// Meter configuration versions.

ConfigVersion SqliteStore::insert_config_version(const ConfigVersion& v) {
  // The version is computed inside the INSERT, under the transaction's write lock, so two
  // writers can never assign the same number (the UNIQUE key is the backstop).
  ConfigVersion stored = v;
  stored.created_at = or_now(v.created_at);
  auto q = db_.query(
      "INSERT INTO config_versions(meter_id, version, created_at_us, author, reason,"
      " document_json, source, template_version)"
      " SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ? FROM config_versions"
      " WHERE meter_id = ?"
      " RETURNING id, version");
  q.context("insert configuration version")
      .bind(v.meter_id)
      .bind(stored.created_at)
      .bind(v.author)
      .bind(v.reason)
      .bind(v.document_json)
      .bind(to_text(v.source))
      .bind(v.template_version)
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
  auto q = db_.query("SELECT " + std::string(kVersionColumns) +
                     " FROM config_versions WHERE meter_id = ? ORDER BY version");
  q.context("read configuration versions").bind(meter_id);
  std::vector<ConfigVersion> versions;
  while (q.step()) versions.push_back(read_version_row(q));
  return versions;
}

std::optional<ConfigVersion> SqliteStore::config_version(std::int64_t meter_id,
                                                         std::int64_t version) {
  auto q = db_.query("SELECT " + std::string(kVersionColumns) +
                     " FROM config_versions WHERE meter_id = ? AND version = ?");
  q.context("find configuration version").bind(meter_id).bind(version);
  if (!q.step()) return std::nullopt;
  return read_version_row(q);
}

std::optional<ConfigVersion> SqliteStore::latest_config_version(std::int64_t meter_id) {
  auto q = db_.query("SELECT " + std::string(kVersionColumns) +
                     " FROM config_versions WHERE meter_id = ? ORDER BY version DESC LIMIT 1");
  q.context("find latest configuration version").bind(meter_id);
  if (!q.step()) return std::nullopt;
  return read_version_row(q);
}

// Group templates.

ConfigTemplateVersion SqliteStore::insert_template_version(const ConfigTemplateVersion& v) {
  // Numbered like meter versions: inside the INSERT, under the write lock.
  ConfigTemplateVersion stored = v;
  stored.created_at = or_now(v.created_at);
  auto q = db_.query(
      "INSERT INTO config_template_versions(group_id, version, created_at_us, author, reason,"
      " document_json)"
      " SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM config_template_versions"
      " WHERE group_id = ?"
      " RETURNING id, version");
  q.context("insert configuration template version")
      .bind(v.group_id)
      .bind(stored.created_at)
      .bind(v.author)
      .bind(v.reason)
      .bind(v.document_json)
      .bind(v.group_id);
  try {
    q.step();
  } catch (const NotFound&) {
    std::string message = "configuration template for group ";
    message += std::to_string(v.group_id);
    message += ": the group does not exist";
    throw NotFound(message);
  }
  stored.id = q.int64();
  stored.version = q.int64();
  q.run();
  return stored;
}

std::vector<ConfigTemplateVersion> SqliteStore::template_versions(std::int64_t group_id) {
  auto q = db_.query("SELECT " + std::string(kTemplateColumns) +
                     " FROM config_template_versions WHERE group_id = ? ORDER BY version");
  q.context("read configuration template versions").bind(group_id);
  std::vector<ConfigTemplateVersion> versions;
  while (q.step()) versions.push_back(read_template_row(q));
  return versions;
}

std::optional<ConfigTemplateVersion> SqliteStore::latest_template_version(std::int64_t group_id) {
  auto q =
      db_.query("SELECT " + std::string(kTemplateColumns) +
                " FROM config_template_versions WHERE group_id = ? ORDER BY version DESC LIMIT 1");
  q.context("find latest configuration template version").bind(group_id);
  if (!q.step()) return std::nullopt;
  return read_template_row(q);
}

// Per-meter overrides.

ConfigOverrides SqliteStore::config_overrides(std::int64_t meter_id) {
  auto q = db_.query(
      "SELECT patch_json, updated_at_us, author FROM config_overrides WHERE meter_id = ?");
  q.context("read configuration overrides").bind(meter_id);
  ConfigOverrides o;
  o.meter_id = meter_id;
  if (q.step()) {
    o.patch_json = q.text();
    o.updated_at = q.time();
    o.author = q.text();
  }
  return o;
}

void SqliteStore::put_config_overrides(const ConfigOverrides& o) {
  db_.query(
         "INSERT INTO config_overrides(meter_id, patch_json, updated_at_us, author)"
         " VALUES (?, ?, ?, ?) ON CONFLICT(meter_id) DO UPDATE SET"
         " patch_json = excluded.patch_json, updated_at_us = excluded.updated_at_us,"
         " author = excluded.author")
      .context("write configuration overrides")
      .bind(o.meter_id)
      .bind(o.patch_json)
      .bind(or_now(o.updated_at))
      .bind(o.author)
      .run_for_meter(o.meter_id, "configuration overrides");
}

// Pushes.

ConfigPush SqliteStore::insert_config_push(const ConfigPush& p) {
  // A push names a stored version of its meter; the foreign key covers only the meter, so
  // the version is checked here (inside the caller's transaction).
  auto version = db_.query("SELECT 1 FROM config_versions WHERE meter_id = ? AND version = ?");
  version.context("find configuration version").bind(p.meter_id).bind(p.version);
  if (!version.step()) {
    if (!meter_exists(db_, p.meter_id)) throw_unknown_meter("configuration push", p.meter_id);
    std::string message = "configuration push for meter ";
    message += std::to_string(p.meter_id);
    message += ": configuration version ";
    message += std::to_string(p.version);
    message += " does not exist";
    throw NotFound(message);
  }
  version.run();

  ConfigPush stored = p;
  stored.requested_at = or_now(p.requested_at);
  db_.query(
         "INSERT INTO config_pushes(meter_id, version, sections_json, confirmed, requested_by,"
         " requested_at_us, started_at_us, finished_at_us, status, impact_json, error)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .context("insert configuration push")
      .bind(p.meter_id)
      .bind(p.version)
      .bind(string_list_to_json(p.sections))
      .bind(p.confirmed)
      .bind(p.requested_by)
      .bind(stored.requested_at)
      .bind(p.started_at)
      .bind(p.finished_at)
      .bind(to_text(p.status))
      .bind(p.impact_json)
      .bind(p.error)
      .run_for_meter(p.meter_id, "configuration push");
  stored.id = db_.last_insert_id();
  write_push_results(db_, stored.id, p.results);
  return stored;
}

bool SqliteStore::update_config_push(const ConfigPush& p) {
  // What the request fixed (meter, version, sections, confirmation, impact) stays.
  db_.query(
         "UPDATE config_pushes SET status = ?, started_at_us = ?, finished_at_us = ?, error = ?"
         " WHERE id = ?")
      .context("update configuration push")
      .bind(to_text(p.status))
      .bind(p.started_at)
      .bind(p.finished_at)
      .bind(p.error)
      .bind(p.id)
      .run();
  if (db_.changes() == 0) return false;
  write_push_results(db_, p.id, p.results);
  return true;
}

std::optional<ConfigPush> SqliteStore::config_push(std::int64_t id) {
  auto q = db_.query("SELECT " + std::string(kPushColumns) + " FROM config_pushes WHERE id = ?");
  q.context("find configuration push").bind(id);
  auto pushes = read_pushes(db_, q);
  if (pushes.empty()) return std::nullopt;
  return std::move(pushes.front());
}

std::vector<ConfigPush> SqliteStore::config_pushes(std::int64_t meter_id, const Page& page) {
  auto q = db_.query("SELECT " + std::string(kPushColumns) +
                     " FROM config_pushes WHERE meter_id = ? AND id > ? ORDER BY id LIMIT ?");
  q.context("read configuration pushes")
      .bind(meter_id)
      .bind(page.after_id)
      .bind(sql_limit(page.limit));
  return read_pushes(db_, q);
}

std::vector<ConfigPush> SqliteStore::unfinished_config_pushes() {
  auto q = db_.query("SELECT " + std::string(kPushColumns) +
                     " FROM config_pushes WHERE status IN ('queued', 'running') ORDER BY id");
  q.context("read unfinished configuration pushes");
  return read_pushes(db_, q);
}

// Read-backs.

ConfigReadback SqliteStore::insert_config_readback(const ConfigReadback& r) {
  ConfigReadback stored = r;
  stored.read_at = or_now(r.read_at);
  db_.query(
         "INSERT INTO config_readbacks(meter_id, read_at_us, compared_version, readback_trigger,"
         " observed_json, differences_json, drift) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .context("insert configuration read-back")
      .bind(r.meter_id)
      .bind(stored.read_at)
      .bind(r.compared_version)
      .bind(r.trigger)
      .bind(r.observed_json)
      .bind(r.differences_json)
      .bind(r.drift)
      .run_for_meter(r.meter_id, "configuration read-back");
  stored.id = db_.last_insert_id();
  return stored;
}

std::vector<ConfigReadback> SqliteStore::config_readbacks(std::int64_t meter_id, const Page& page) {
  std::string sql =
      "SELECT id, meter_id, read_at_us, compared_version, readback_trigger, observed_json,"
      " differences_json, drift FROM config_readbacks WHERE meter_id = ?";
  append_newest_first(sql, page);
  auto q = db_.query(sql);
  q.context("read configuration read-backs").bind(meter_id);
  bind_newest_first(q, page);
  std::vector<ConfigReadback> readbacks;
  while (q.step()) {
    ConfigReadback r;
    r.id = q.int64();
    r.meter_id = q.int64();
    r.read_at = q.time();
    r.compared_version = q.optional_int64();
    r.trigger = q.text();
    r.observed_json = q.text();
    r.differences_json = q.text();
    r.drift = q.boolean();
    readbacks.push_back(std::move(r));
  }
  return readbacks;
}

}  // namespace jemhead::storage::sqlite
