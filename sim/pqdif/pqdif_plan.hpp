#pragma once
// Which PQDIF files a meter writes in a span of simulated time (part4 §3.3, §3.6), before
// any byte is encoded: per-observation files in single mode (an event's file once its
// recordings are complete, a measurement-log file at each interval end), one file per
// day at midnight in multiple mode (no file for a day with nothing recorded). Planning is
// cheap, so a long jump of simulated time only encodes the files the FIFO store keeps.
#include <cstdint>
#include <vector>

#include "sim/pqdif/pq_events.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

struct PqdifFilePlan {
  UtcTime created{};              // when the file appears on the meter
  std::int64_t name_seconds = 0;  // the name's TimeStamp
  std::uint32_t data_type = 0;
  std::vector<PqEvent> events;   // their observations, in trigger order
  std::vector<UtcTime> ml_ends;  // measurement-log intervals ending then
};

struct PqdifPlanInput {
  const PqdifSpec& spec;
  std::uint64_t seed = 0;
  int nominal_hz = 60;
  UtcTime epoch{};                     // nothing is recorded before the meter started
  const std::vector<PqEvent>& forced;  // triggers from the control route
};

// The files created in (from, to], in creation order.
std::vector<PqdifFilePlan> plan_pqdif_files(const PqdifPlanInput& in, UtcTime from, UtcTime to);

}  // namespace jemhead::sim
