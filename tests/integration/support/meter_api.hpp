#pragma once
// Registering a meter with one connection profile through jemhead's REST API, and reading
// back what it stored: the steps every end-to-end protocol test starts and ends with.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {

inline std::int64_t add_meter_with_connection(Jemhead& head, const std::string& serial,
                                              const boost::json::object& connection) {
  auto r =
      head.call("POST", "/api/v1/meters",
                boost::json::serialize(boost::json::object{{"serial", serial}, {"name", serial}}),
                kOperatorToken);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  r = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/connections",
                boost::json::serialize(connection), kOperatorToken);
  EXPECT_EQ(r.status, 201) << r.body;
  return id;
}

inline boost::json::array stored_items(Jemhead& head, std::int64_t id, const std::string& what) {
  auto r = head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/" + what, "", kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().at("items").as_array();
}

// Lets simulated time run for `run_for` (so energy registers are well above zero), then
// freezes it: from then on the simulator's truth is exactly what its meters serve.
inline void run_then_freeze_sim_time(const Jemsim& sim, std::chrono::milliseconds run_for) {
  std::this_thread::sleep_for(run_for);
  auto r = sim.call("POST", "/time_factor", R"({"time_factor":0})");
  EXPECT_EQ(r.status, 200) << r.body;
}

// GET /meters/{serial}/{protocol} on the simulator: what that protocol's server serves.
inline boost::json::object sim_truth(const Jemsim& sim, const std::string& serial,
                                     const std::string& protocol) {
  auto r = sim.call("GET", "/meters/" + serial + "/" + protocol);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

// POST /api/v1/meters/{id}/read with `what` (a JSON list), expecting 200.
inline boost::json::object read_now(Jemhead& head, std::int64_t id, const std::string& what) {
  auto r = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/read",
                     R"({"what":)" + what + "}", kOperatorToken);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

// The meter's job runs, newest first (GET /api/v1/meters/{id}/jobs, one page of 500).
inline boost::json::array job_runs(Jemhead& head, std::int64_t id) {
  auto r = head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/jobs?limit=500", "",
                     kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().at("items").as_array();
}

// Runs the engine's "run now" for one meter with `kinds` (a JSON list) and waits until the
// job's run is recorded (the engine stores a run when the job ends). Returns that run.
inline boost::json::object collect_and_wait(
    Jemhead& head, std::int64_t id, const std::string& kinds,
    std::chrono::seconds timeout = std::chrono::seconds(60)) {
  const auto before = job_runs(head, id).size();
  auto r = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/collect",
                     R"({"kinds":)" + kinds + "}", kOperatorToken);
  EXPECT_EQ(r.status, 202) << r.body;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto runs = job_runs(head, id);
    if (runs.size() > before) return runs.front().as_object();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "meter " << id << ": no job run recorded within " << timeout.count() << " s";
  return {};
}

}  // namespace jemhead::testing
