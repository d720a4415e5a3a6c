#pragma once
// The fleet file's PQDIF and web server keys (docs/simulator.md, "PQDIF"), per meter or as
// a default under `meters:`:
//
//   pqdif:
//     mode: multiple              # or single (observation per file)
//     compressed: true
//     events_per_day: 4           # 0..1000
//     max_file_bytes: 512000      # 4096..16 MiB: the split limit
//     max_files: 1000             # FIFO store, 1..100000
//     max_store_bytes: 67108864   # and at most this many bytes, 1 MiB..4 GiB
//     waveform: { enabled: true, samples_per_cycle: 16, pre_cycles: 4, post_cycles: 4, max_cycles:
//     120 } hsrms: { enabled: true, pre_cycles: 15, post_cycles: 15, max_cycles: 600 }
//     measurement_log: { interval_minutes: 60, record_minutes: 10, channels: [volts_a, ...] }
//     export_directory: /srv/pq   # the store mirrored there (under `meters:`: /srv/pq/SERIAL)
//   web:
//     listen: "127.0.0.1:0"
//     users: [{ name: pq, password: pq, read_power_quality: true }]
//
// Compiled into jemhead_sim (the fleet parser reads them); the recorder is jemhead_sim_pqdif.
#include <memory>

#include "sim/pqdif/pqdif_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

// Each reads its key from `parent` if present; `spec` holds the inherited default (or null)
// and is replaced by a new spec with the keys given here applied over it.
void read_pqdif_settings(YamlFields& parent, std::shared_ptr<const PqdifSpec>& spec);
void read_web_settings(YamlFields& parent, std::shared_ptr<const WebServerSpec>& spec);

// The measurement-log channel names the recorder computes.
bool known_ml_channel(const std::string& name);

}  // namespace jemhead::sim
