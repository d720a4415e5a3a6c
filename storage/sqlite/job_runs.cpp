// Job history: the manual's retrieval and task event logs, one row per run of a job.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kJobRunColumns =
    "id, meter_id, kind, started_at_us, finished_at_us, outcome, value_count, byte_count,"
    " error, run_trigger, nominal_at_us, profile, attempts, error_type, results_json";

JobRun read_job_run_row(Query& q) {
  JobRun r;
  r.id = q.int64();
  r.meter_id = q.int64();
  r.kind = q.text();
  r.started_at = q.time();
  r.finished_at = q.optional_time();
  r.outcome = q.text();
  r.values = q.int64();
  r.bytes = q.int64();
  r.error = q.text();
  r.trigger = q.text();
  r.nominal_at = q.optional_time();
  r.profile = q.text();
  r.attempts = static_cast<int>(q.int64());
  r.error_type = q.text();
  r.results_json = q.text();
  return r;
}

// Binds every column a caller can set, in the order of the INSERT and UPDATE below.
void bind_job_run_fields(Query& q, const JobRun& r) {
  q.bind(r.meter_id)
      .bind(r.kind)
      .bind(r.started_at)
      .bind(r.finished_at)
      .bind(r.outcome)
      .bind(r.values)
      .bind(r.bytes)
      .bind(r.error)
      .bind(r.trigger)
      .bind(r.nominal_at)
      .bind(r.profile)
      .bind(r.attempts)
      .bind(r.error_type)
      .bind(r.results_json);
}

void run_job_run_write(Query& q, const JobRun& r) {
  q.run_for_meter(r.meter_id, "job run");
}

}  // namespace

std::int64_t SqliteStore::insert_job_run(const JobRun& r) {
  auto q = db_.query(
      "INSERT INTO job_runs(meter_id, kind, started_at_us, finished_at_us, outcome,"
      " value_count, byte_count, error, run_trigger, nominal_at_us, profile, attempts,"
      " error_type, results_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.context("insert job run");
  bind_job_run_fields(q, r);
  run_job_run_write(q, r);
  return db_.last_insert_id();
}

bool SqliteStore::update_job_run(const JobRun& r) {
  auto q = db_.query(
      "UPDATE job_runs SET meter_id = ?, kind = ?, started_at_us = ?, finished_at_us = ?,"
      " outcome = ?, value_count = ?, byte_count = ?, error = ?, run_trigger = ?,"
      " nominal_at_us = ?, profile = ?, attempts = ?, error_type = ?, results_json = ?"
      " WHERE id = ?");
  q.context("update job run");
  bind_job_run_fields(q, r);
  q.bind(r.id);
  run_job_run_write(q, r);
  return db_.changes() > 0;
}

std::vector<JobRun> SqliteStore::job_runs(const JobFilter& filter, const Page& page) {
  // Only the filters that are set appear in the SQL, so the planner can pick the
  // (meter_id, id) or started_at index. A kind matches one whole entry of the comma list:
  // ",registers,status," contains ",status," but not ",stat,". instr() rather than LIKE,
  // whose '_' wildcard would make "load_profile" match "loadXprofile".
  std::string sql = "SELECT " + std::string(kJobRunColumns) + " FROM job_runs WHERE 1 = 1";
  if (filter.meter_id) sql += " AND meter_id = ?";
  if (!filter.kind.empty()) sql += " AND instr(',' || kind || ',', ',' || ? || ',') > 0";
  if (!filter.outcome.empty()) sql += " AND outcome = ?";
  if (!filter.trigger.empty()) sql += " AND run_trigger = ?";
  if (filter.started.from) sql += " AND started_at_us >= ?";
  if (filter.started.to) sql += " AND started_at_us < ?";
  if (filter.newest_first)
    sql += page.after_id > 0 ? " AND id < ? ORDER BY id DESC LIMIT ?" : " ORDER BY id DESC LIMIT ?";
  else
    sql += " AND id > ? ORDER BY id LIMIT ?";

  auto q = db_.query(sql);
  q.context("read job runs");
  if (filter.meter_id) q.bind(*filter.meter_id);
  if (!filter.kind.empty()) q.bind(filter.kind);
  if (!filter.outcome.empty()) q.bind(filter.outcome);
  if (!filter.trigger.empty()) q.bind(filter.trigger);
  if (filter.started.from) q.bind(*filter.started.from);
  if (filter.started.to) q.bind(*filter.started.to);
  if (!filter.newest_first || page.after_id > 0) q.bind(page.after_id);
  q.bind(sql_limit(page.limit));

  std::vector<JobRun> runs;
  while (q.step()) runs.push_back(read_job_run_row(q));
  return runs;
}

std::optional<JobRun> SqliteStore::find_job_run(std::int64_t id) {
  auto q = db_.query("SELECT " + std::string(kJobRunColumns) + " FROM job_runs WHERE id = ?");
  q.context("find job run").bind(id);
  if (!q.step()) return std::nullopt;
  return read_job_run_row(q);
}

std::int64_t SqliteStore::purge_job_runs(UtcTime finished_before) {
  // A run finishes after it starts, so the started_at bound excludes nothing the
  // finished_at bound selects and lets the purge walk the started_at index instead of the
  // whole table (after a wall-clock step backwards such a row waits for a later purge).
  // Running jobs (no finish time yet) are never deleted.
  auto q = db_.query(
      "DELETE FROM job_runs WHERE started_at_us < ? AND finished_at_us IS NOT NULL"
      " AND finished_at_us < ? AND outcome <> 'running'");
  q.context("purge job runs").bind(finished_before).bind(finished_before).run();
  return db_.changes();
}

}  // namespace jemhead::storage::sqlite
