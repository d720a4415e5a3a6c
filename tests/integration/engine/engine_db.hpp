#pragma once
// What jemhead's collection engine committed, read straight from its SQLite file
// (data_dir/jemhead.db). The tests read the database rather than the REST API because a
// job's data, its "schedule:<kind>" checkpoints, its job run and the meter's health are
// committed in one transaction: one read transaction here sees exactly such a state, also
// while jemhead runs (WAL) and after it was killed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace jemhead::testing {

struct JobRunRow {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::vector<std::string> kinds;  // the job's kinds, sorted
  std::string trigger;
  std::optional<std::int64_t> nominal_us;
  std::int64_t started_us = 0;
  std::optional<std::int64_t> finished_us;
  std::string outcome;
  std::int64_t values = 0;
  int attempts = 0;
  std::string error_type;
  std::string error;
  std::map<std::string, std::int64_t> kind_values;  // from results_json: kind -> values

  bool has_kind(const std::string& kind) const;
};

// Rows of `registers` that share a meter and read_at: what one read stored.
struct RegisterBatch {
  std::int64_t meter_id = 0;
  std::int64_t read_at_us = 0;
  std::map<std::string, double> values;  // register_id ("counter.1") -> value
  std::size_t rows = 0;                  // rows, duplicates of a register id included
};

struct HealthRow {
  int consecutive_failures = 0;
  bool healthy = true;
  std::optional<std::int64_t> last_failure_us;
  std::optional<std::int64_t> next_attempt_us;
};

// Everything the tests look at, read in one transaction.
struct EngineState {
  std::map<std::string, std::int64_t> meter_ids;  // serial -> id
  std::vector<JobRunRow> job_runs;                // by id
  std::vector<RegisterBatch> register_batches;    // by meter, read_at
  std::map<std::pair<std::int64_t, std::string>, std::string> checkpoints;
  std::map<std::int64_t, HealthRow> health;

  std::vector<const JobRunRow*> runs_of(std::int64_t meter_id) const;
};

class EngineDatabase {
 public:
  // Opens `path` read-only; throws naming the file when it cannot.
  explicit EngineDatabase(const std::string& path);
  ~EngineDatabase();
  EngineDatabase(const EngineDatabase&) = delete;
  EngineDatabase& operator=(const EngineDatabase&) = delete;

  EngineState read();

 private:
  sqlite3* db_ = nullptr;
};

// Reads the database of a jemhead whose data_dir is `data_dir` (opens and closes it).
EngineState read_engine_state(const std::string& data_dir);

}  // namespace jemhead::testing
