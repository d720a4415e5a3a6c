#include "tests/integration/engine/engine_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace jemhead::testing {

namespace {

std::string text_column(sqlite3_stmt* s, int column) {
  const auto* text = sqlite3_column_text(s, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

std::optional<std::int64_t> optional_int(sqlite3_stmt* s, int column) {
  if (sqlite3_column_type(s, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(s, column);
}

std::vector<std::string> split_kinds(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    if (!part.empty()) out.push_back(part);
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::int64_t> kind_values(const std::string& results_json) {
  std::map<std::string, std::int64_t> out;
  const auto results = boost::json::parse(results_json);
  for (const auto& r : results.as_array()) {
    const auto& o = r.as_object();
    out[std::string(o.at("kind").as_string())] = o.at("values").to_number<std::int64_t>();
  }
  return out;
}

}  // namespace

bool JobRunRow::has_kind(const std::string& kind) const {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::vector<const JobRunRow*> EngineState::runs_of(std::int64_t meter_id) const {
  std::vector<const JobRunRow*> out;
  for (const auto& r : job_runs)
    if (r.meter_id == meter_id) out.push_back(&r);
  return out;
}

EngineDatabase::EngineDatabase(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open " + path + ": " + why);
  }
  // jemhead's writer holds its lock only for a commit; wait for it rather than fail.
  sqlite3_busy_timeout(db_, 5000);
}

EngineDatabase::~EngineDatabase() {
  sqlite3_close(db_);
}

EngineState EngineDatabase::read() {
  auto each_row = [this](const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_) + ": " + sql);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
      throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_) + ": " + sql);
  };

  EngineState state;
  // One read transaction: every table as of one commit.
  each_row("BEGIN", [](sqlite3_stmt*) {});
  each_row("SELECT id, serial FROM meters", [&](sqlite3_stmt* s) {
    state.meter_ids[text_column(s, 1)] = sqlite3_column_int64(s, 0);
  });
  each_row(
      "SELECT id, meter_id, kind, run_trigger, nominal_at_us, started_at_us, finished_at_us, "
      "outcome, value_count, attempts, error_type, error, results_json FROM job_runs ORDER BY id",
      [&](sqlite3_stmt* s) {
        JobRunRow r;
        r.id = sqlite3_column_int64(s, 0);
        r.meter_id = sqlite3_column_int64(s, 1);
        r.kinds = split_kinds(text_column(s, 2));
        r.trigger = text_column(s, 3);
        r.nominal_us = optional_int(s, 4);
        r.started_us = sqlite3_column_int64(s, 5);
        r.finished_us = optional_int(s, 6);
        r.outcome = text_column(s, 7);
        r.values = sqlite3_column_int64(s, 8);
        r.attempts = sqlite3_column_int(s, 9);
        r.error_type = text_column(s, 10);
        r.error = text_column(s, 11);
        r.kind_values = kind_values(text_column(s, 12));
        state.job_runs.push_back(std::move(r));
      });
  each_row(
      "SELECT meter_id, read_at_us, register_id, value FROM registers "
      "ORDER BY meter_id, read_at_us, id",
      [&](sqlite3_stmt* s) {
        const auto meter = sqlite3_column_int64(s, 0);
        const auto at = sqlite3_column_int64(s, 1);
        auto& batches = state.register_batches;
        if (batches.empty() || batches.back().meter_id != meter || batches.back().read_at_us != at)
          batches.push_back(RegisterBatch{meter, at, {}, 0});
        batches.back().values[text_column(s, 2)] = sqlite3_column_double(s, 3);
        ++batches.back().rows;
      });
  each_row("SELECT meter_id, checkpoint_key, value FROM checkpoints", [&](sqlite3_stmt* s) {
    state.checkpoints[{sqlite3_column_int64(s, 0), text_column(s, 1)}] = text_column(s, 2);
  });
  each_row(
      "SELECT meter_id, consecutive_failures, healthy, last_failure_us, next_attempt_us "
      "FROM meter_health",
      [&](sqlite3_stmt* s) {
        state.health[sqlite3_column_int64(s, 0)] =
            HealthRow{sqlite3_column_int(s, 1), sqlite3_column_int(s, 2) != 0, optional_int(s, 3),
                      optional_int(s, 4)};
      });
  each_row("COMMIT", [](sqlite3_stmt*) {});
  return state;
}

EngineState read_engine_state(const std::string& data_dir) {
  EngineDatabase db(data_dir + "/jemhead.db");
  return db.read();
}

}  // namespace jemhead::testing
