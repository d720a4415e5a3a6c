#pragma once
// PQDIF push end to end (issue 6): a real jemsim whose meters push their files to a real
// server (OpenSSH sshd over SFTP, or pyftpdlib) whose upload directory is the drop directory
// of a real jemhead. What jemhead stores must be what the meters pushed: the simulator's
// truth (GET /meters/{serial}/pqdif, with pushed_at per file and the push log).
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing::pqdif_push {

// Three meters that push (one in single mode, one in multiple mode, one uncompressed and
// with upload_then_rename as `rename` says), all with `push` (flow YAML mapping body, e.g.
// "protocol: scp, ...") from the default; `extra_meters` is appended to the list verbatim.
inline const std::vector<std::string> kSerials{"71000001", "71000002", "71000003"};
std::string sim_fleet(const std::string& push, const std::string& extra_meters = {},
                      bool rename = true);

// jemhead with kSerials in its fleet and `drop` as a drop directory of `source`.
std::string head_config(const TempDir& dir, const std::string& drop, const std::string& source);

// Moves simulated time on and forces a sag on every meter, so each has event files,
// measurement-log files and (multiple mode) daily files to push.
void make_files(const Jemsim& sim);

boost::json::object truth(const Jemsim& sim, const std::string& serial);

// Waits until every file the meter holds was pushed and nothing is pending; returns its
// truth then.
boost::json::object wait_pushed(const Jemsim& sim, const std::string& serial,
                                std::chrono::seconds timeout = std::chrono::seconds(60));

// What jemhead must hold for the meter: every file in the truth (each pushed), plus the
// Test button's samples that were sent (from the push log).
struct Expected {
  std::string name;
  std::int64_t size = 0;
  std::string sha256;
  std::int64_t observations = 0;
};
std::vector<Expected> expected_files(const boost::json::object& truth);

// Waits until jemhead stored exactly `expected`'s names for the meter and parsed them all,
// then asserts size, sha256, source, parse ok and observation count of each.
void expect_stored(const Jemhead& head, const std::string& serial,
                   const std::vector<Expected>& expected, const std::string& source,
                   std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace jemhead::testing::pqdif_push
