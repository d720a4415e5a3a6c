#pragma once
// PQDIF end to end (issue 6, "Tests"): a real jemsim whose meters record PQ events and serve
// their PQDIF files on their web servers, and a real jemhead pulling them through "http"
// connection profiles. The simulator's truth (GET /meters/{serial}/pqdif: name, size,
// sha256, observations, series counts and first values) is what jemhead must have stored
// and parsed, file by file and value by value.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing::pqdif_e2e {

// The meter web servers' reader account (and one without the right, unused by jemhead).
inline const std::string kUser = "pqread";
inline const std::string kPassword = "Pq e2e-7";

// A jemsim fleet: `count` generated meters (serials 61000001...) with `defaults` as their
// `pqdif:` mapping (flow YAML), then `list` verbatim (explicit meters, may be empty).
std::string sim_fleet(int count, const std::string& defaults, const std::string& list = {},
                      double time_factor = 0);

// Each simulated meter's web server, by serial, from the control GET /pqdif.
std::map<std::string, HttpTarget> meter_webs(const Jemsim& sim);

// One jemhead meter with an "http" profile to its web server; `extra` is added under the
// meter entry verbatim (e.g. "      schedules: {...}\n").
std::string head_meter(const std::string& serial, const HttpTarget& web,
                       const std::string& extra = {});

// One jemhead meter with an "sftp" profile to 127.0.0.1:`port`; `options` is the profile's
// options as a flow mapping ("{username: ..., directory: ...}").
std::string head_meter_sftp(const std::string& serial, std::uint16_t port,
                            const std::string& options);

// A file as served: size and sha256.
struct ServedFile {
  std::size_t size = 0;
  std::string sha256;
  bool operator==(const ServedFile&) const = default;
};
// The regular *.pqd files of a directory (what an SFTP client lists), by name.
std::map<std::string, ServedFile> directory_files(const std::string& dir);
// The truth's files the same way.
std::map<std::string, ServedFile> truth_files(const boost::json::object& truth);

// The truth of one meter: {serial, compressed, files: [...]}.
boost::json::object sim_files(const Jemsim& sim, const std::string& serial);

// jemhead meter id by serial.
std::int64_t meter_id(const Jemhead& head, const std::string& serial);

// All stored PQDIF rows of a meter (every page), as GET /api/v1/pqdif returns them.
std::vector<boost::json::object> stored_rows(const Jemhead& head, std::int64_t meter);

// Queues "run now" for the pqdif kind on each meter and waits until each meter's newest
// pqdif job run (id above `after`, by meter) has finished; returns those runs by meter.
std::map<std::int64_t, boost::json::object> retrieve_now(
    const Jemhead& head, const std::vector<std::int64_t>& meters,
    const std::map<std::int64_t, std::int64_t>& after = {},
    std::chrono::seconds timeout = std::chrono::seconds(120));

// The newest pqdif job run id of each meter (0 when none).
std::map<std::int64_t, std::int64_t> newest_pqdif_jobs(const Jemhead& head,
                                                       const std::vector<std::int64_t>& meters);

// Waits until no file of the meters is pending parse; false on timeout.
bool wait_parsed(const Jemhead& head, const std::vector<std::int64_t>& meters,
                 std::chrono::seconds timeout = std::chrono::seconds(120));

// Comparison statistics, printed by the tests.
struct Compared {
  std::size_t files = 0, observations = 0, series = 0, values = 0;
  // Equal only within 2 ulp: JSON round trips, and increment series (a time axis the reader
  // expands as i x step where the generator had its own sums, e.g. 0.1875 vs 0.1875000...03).
  std::size_t values_off_by_ulps = 0;
  std::size_t values_relative = 0;  // equal only within 1e-9 relative
};

// Asserts (gtest) that jemhead stored exactly the truth's files for `meter` (name, size,
// sha256, data type, compression, parse ok, downloaded bytes, stored from `source`, the
// connection profile's protocol) and that each file's parsed
// observations equal the truth's: name, start, trigger, channel count, per-series counts,
// channel names and first values.
void expect_stored_equals_truth(const Jemhead& head, std::int64_t meter,
                                const boost::json::object& truth, Compared& stats,
                                const std::string& source = "http");

// Two doubles equal within 2 ulp, or within 1e-9 relative; counts which rule was needed.
bool close_enough(double stored, double truth, Compared& stats);

}  // namespace jemhead::testing::pqdif_e2e
