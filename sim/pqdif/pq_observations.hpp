#pragma once
// The observations a meter records (part4 §3.2-3.3): one per PQ trigger holding all its
// recordings (Sag/Swell XY and MagDurTime, or MagDurTime alone for RVC and interruption;
// Waveform Capture; High Speed RMS), and one per measurement-log interval (Value Log).
// Pure functions of their inputs; values are rounded to float, as the files store them
// (real4), so what the generator holds is exactly what a reader gets back.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/pqdif/model.hpp"
#include "sim/pqdif/pq_events.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

// The pre-event state of the service (primary values) the recordings start from.
struct PqBase {
  std::array<double, 3> volts{}, amps{};
  std::array<double, 3> voltage_angle{}, current_angle{};  // degrees
  std::array<double, 3> power_factor{};
  double frequency = 60;
  std::array<double, 3> vthd{}, athd{};  // percent (seeded: the model has no harmonics)
  // Seeds the waveform's sample noise (0.2 % of the RMS): a real capture never repeats
  // cycle for cycle, and that keeps compressed sizes realistic.
  std::uint64_t noise_seed = 0;
};

// The data-type bits (core/pqdif_file_name.hpp) of the file of one event's observation.
std::uint32_t event_data_type(const PqEvent& event, const PqdifSpec& spec);
// When the recordings of `event` are complete (the post-fault time after the event, or the
// maximum recording time): the observation's file can be written then.
UtcTime event_recording_end(const PqEvent& event, const PqdifSpec& spec, int nominal_hz);

pqdif::Observation event_observation(const PqEvent& event, const PqBase& base,
                                     const PqdifSpec& spec, int nominal_hz);

// One measurement-log observation over (end - interval, end]: a record every
// `ml_record_minutes`, each channel's value at the record's end from `sample`
// (channel key, instant) -> primary value.
using MlSample = std::function<double(const std::string& channel, UtcTime at)>;
pqdif::Observation measurement_log_observation(UtcTime interval_end, const PqdifSpec& spec,
                                               const MlSample& sample);

}  // namespace jemhead::sim
