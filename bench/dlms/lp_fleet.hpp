#pragma once
// The simulated side of the DLMS load-profile benchmark: a real jemsim whose meters each
// serve DLMS over TCP and record profile 1 (15 minutes, the 16 default channels; no second
// profile, which keeps the simulator's memory down), with simulated time frozen and moved
// `days` forward at once. Every meter's recording is brought up to date before anything is
// timed, so what a benchmark measures is reading the profile, not the simulator making it.
#include <cstdint>
#include <string>
#include <vector>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::bench {

inline constexpr const char* kReaderPassword = "bench-reader";

struct LpMeter {
  std::string serial;
  std::uint16_t dlms_port = 0;  // the meter's IEC 62056-47 wrapper on 127.0.0.1
  std::uint64_t intervals = 0;  // profile 1 entries recorded (entries_in_use)
  std::uint64_t channels = 0;   // profile 1 capture columns with values
};

// What the meter's DLMS server counted (GET /meters/{serial}/dlms "counters").
struct DlmsServerCounts {
  std::uint64_t get_requests = 0;  // GET-Request-Normal and -Next
  std::uint64_t set_requests = 0;
  std::uint64_t datablocks_sent = 0;
  std::uint64_t associations = 0;  // AARQs answered (accepted or rejected)
  std::uint64_t releases = 0;      // RLRQs answered
  // Request/response exchanges on the connection: every GET, SET, AARQ and RLRQ.
  std::uint64_t round_trips() const {
    return get_requests + set_requests + associations + releases;
  }
};

class LpFleet {
 public:
  // Starts jemsim with `meters` meters, advances simulated time by `days` and records every
  // meter's profile up to there (the control route's load-profile read, `threads` at once).
  LpFleet(const testing::TempDir& dir, std::size_t meters, int days, std::size_t threads = 2);
  const std::vector<LpMeter>& meters() const { return meters_; }
  DlmsServerCounts counts(const std::string& serial) const;
  pid_t pid() { return sim_.process().pid(); }

 private:
  testing::Jemsim sim_;
  std::vector<LpMeter> meters_;
};

}  // namespace jemhead::bench
