#pragma once
// One simulated meter's PQDIF recorder and web server as the fleet file configures them
// (docs/simulator.md, "PQDIF"). Defaults follow the manual where it gives one (part4 §2-3):
// a daily file of multiple observations, compressed, the 500K file limit, WFC at Low
// resolution (16 samples per cycle), HSRMS at 2 points per cycle.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/pqdif/push/push_spec.hpp"

namespace jemhead::sim {

enum class PqdifFileMode { multiple, single };

// A triggered recording's window in line cycles (part4 §2.1-2.2): pre-fault, the event up
// to the maximum, post-fault; the maximum includes all three.
struct PqRecordingSpec {
  bool enabled = true;
  std::uint32_t pre_cycles = 0;
  std::uint32_t post_cycles = 0;
  std::uint32_t max_cycles = 0;
};

struct PqdifSpec {
  PqdifFileMode mode = PqdifFileMode::multiple;
  bool compressed = true;                    // record-level zlib (part4 §3.4)
  std::uint32_t events_per_day = 4;          // seeded sag/swell/RVC/interruption triggers
  std::uint32_t max_file_bytes = 512'000;    // "500K" (part4 §3.3): larger output is split
  std::uint32_t max_files = 1000;            // the meter's FIFO store (part4 §3.7)...
  std::uint64_t max_store_bytes = 64 << 20;  // ...also bounded in bytes (it is in memory)
  PqRecordingSpec waveform{true, 4, 4, 120};
  std::uint32_t waveform_samples_per_cycle = 16;  // Low 16, Medium 128, High 512
  PqRecordingSpec hsrms{true, 15, 15, 600};
  // The measurement log (Value Log observations); interval 0 = not in PQDIF.
  std::uint32_t ml_interval_minutes = 60;  // one observation per interval, 10 min..7 days
  std::uint32_t ml_record_minutes = 10;    // the log's own record interval, divides the above
  std::vector<std::string> ml_channels{"volts_a", "volts_b", "volts_c",  "amps_a",
                                       "amps_b",  "amps_c",  "frequency"};
  // The Remote Server push (sim/pqdif/push/); nullopt = Remote File Transfer off.
  std::optional<PqdifPushSpec> push;
  // The store mirrored to this directory for a real sshd to serve (sim/pqdif/pqdif_export);
  // empty = off. Given under `meters:`, each meter's is export_directory/SERIAL.
  std::string export_directory;
  bool export_per_serial = false;
};

// The meter's web server (HTTP; the manual's port 80 alternative to SFTP, part4 §3.7).
struct WebUser {
  std::string name;
  std::string password;
  bool read_power_quality = false;  // the 'Read Power Quality' right (part4 §1)
};

struct WebServerSpec {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = any free port
  std::vector<WebUser> users{{"pq", "pq", true}, {"viewer", "viewer", false}};
};

}  // namespace jemhead::sim
