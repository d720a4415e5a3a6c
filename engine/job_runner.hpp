#pragma once
// Runs one job against the meter: loads the meter and its connection profiles, routes each
// kind to a profile whose driver can do it, takes a session budget, opens one session per
// profile (retrying the connection per the profile's count and delay), reads every kind
// routed to it, and reports what happened. Nothing is stored here: load-profile chunks go to
// the sink the engine gives (which commits each with its checkpoint), and the engine commits
// the report, its checkpoints and the job run in one transaction.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/resource_budget.hpp"
#include "core/records.hpp"
#include "core/status_snapshot.hpp"
#include "drivers/driver.hpp"
#include "engine/event_checkpoint.hpp"
#include "engine/job.hpp"
#include "engine/load_profile_collection.hpp"
#include "engine/pqdif_retrieval.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

struct KindResult {
  JobKind kind = JobKind::registers;
  std::string profile;             // connection profile used ("" when none could)
  std::string outcome = "failed";  // ok, failed, refused (no profile can)
  std::int64_t values = 0;
  std::string error_type;  // DriverError kind, "no_route", "deadline", "internal"
  std::string error;
  // Where the session's point map came from (drivers::Session::point_map_source), e.g.
  // "configuration version 3"; "" for drivers without one or when no session opened.
  std::string map_source;
};

struct JobReport {
  bool meter_found = true;  // false: deleted or disabled since it was scheduled
  UtcTime started_at{};
  UtcTime finished_at{};
  int attempts = 0;
  std::uint64_t bytes = 0;
  std::vector<KindResult> kinds;
  std::vector<RegisterReading> registers;
  std::vector<InstantaneousValue> instantaneous;
  std::optional<StatusSnapshot> status;
  // Load profile read in this job: counts, layouts and checkpoints. The values went to the
  // job's sink chunk by chunk (kept there when the kind fails later).
  LoadProfileResult load_profile;
  std::vector<LogEvent> events;    // new entries of the meter's logs
  EventMarks event_marks;          // the logs' new checkpoints (those that gained entries)
  std::vector<ClockRecord> clock;  // job_run_id set when committed
  // PQDIF files pulled: each was committed on its own as it arrived (pqdif_retrieval.hpp).
  PqdifRetrievalResult pqdif;
  std::vector<std::string> profiles;  // used, in order

  std::int64_t values() const;
  // ok: every kind ok; refused: nothing could be routed; failed: nothing ok; else partial.
  std::string outcome() const;
  // The first failure (type and text), for the job run row and the meter's health.
  const KindResult* first_failure() const;
};

struct JobRunnerContext {
  storage::Repository& repo;  // reads only (the reader pool)
  const drivers::DriverRegistry& drivers;
  ResourceBudget& budget;
  boost::asio::any_io_executor blocking;  // where repository reads run (not an I/O thread)
  std::chrono::seconds deadline{300};
  LoadProfileSettings load_profile;
  // Where pulled PQDIF files go; null: the pqdif kind fails as not configured.
  std::shared_ptr<const PqdifRetrievalSetup> pqdif;
};

// `load_profile_sink` (not null, outlives the job) takes every completed load-profile chunk.
boost::asio::awaitable<JobReport> run_job(const JobRunnerContext& context, Job job,
                                          LoadProfileSink* load_profile_sink);

}  // namespace jemhead::engine
