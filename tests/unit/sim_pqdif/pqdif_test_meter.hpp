#pragma once
// A simulated meter with a PQ recorder for the sim_pqdif tests, and helpers to read back
// what it wrote.
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/pqdif/logical_reader.hpp"
#include "sim/pqdif/pqdif_recorder.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim::testing {

inline const UtcTime kStart = *parse_iso8601("2026-01-01T00:00:00Z");

inline UtcTime days_after_start(double days) {
  return kStart + Micros{static_cast<std::int64_t>(days * 86'400'000'000.0)};
}

struct PqMeter {
  explicit PqMeter(PqdifSpec pq, std::uint64_t seed = 7, std::string serial = "142300003") {
    MeterSpec spec;
    spec.serial = std::move(serial);
    spec.seed = seed;
    spec.pt_ratio = 60;
    spec.ct_ratio = 120;
    spec.pqdif = std::make_shared<const PqdifSpec>(std::move(pq));
    meter = std::make_unique<SimMeter>(spec, kStart, RealClock::now());
    recorder = std::make_unique<PqdifRecorder>(meter->spec(), meter->model(), meter->epoch());
  }
  std::unique_ptr<SimMeter> meter;
  std::unique_ptr<PqdifRecorder> recorder;
};

struct ReadFile {
  pqdif::Container container;
  std::vector<pqdif::DataSource> sources;
  std::vector<pqdif::Observation> observations;
};

inline ReadFile read_pqdif(const std::string& bytes) {
  std::istringstream in(bytes);
  pqdif::PqdifFileReader reader(in);
  ReadFile out;
  out.container = reader.container();
  while (auto o = reader.next_observation()) out.observations.push_back(std::move(*o));
  out.sources = reader.data_sources();
  return out;
}

}  // namespace jemhead::sim::testing
