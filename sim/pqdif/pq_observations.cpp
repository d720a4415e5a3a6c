#include "sim/pqdif/pq_observations.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/pqdif_file_name.hpp"
#include "sim/noise.hpp"
#include "sim/pqdif/channel_table.hpp"

namespace jemhead::sim {

namespace {

using namespace jemhead::pqdif;

double f32(double x) {
  return static_cast<double>(static_cast<float>(x));
}

Micros cycles_to_micros(double cycles, int hz) {
  return Micros{static_cast<std::int64_t>(std::llround(cycles * 1e6 / hz))};
}

std::uint32_t event_cycles(const PqEvent& e, int hz) {
  return static_cast<std::uint32_t>(std::ceil(static_cast<double>(e.duration.count()) * hz / 1e6));
}

// A recording's length in cycles: pre-fault, event, post-fault, truncated at the maximum.
std::uint32_t recorded_cycles(const PqRecordingSpec& r, std::uint32_t event) {
  return std::min(r.pre_cycles + event + r.post_cycles, r.max_cycles);
}

std::uint32_t pre_max(const PqdifSpec& spec) {
  std::uint32_t pre = 0;
  if (spec.waveform.enabled) pre = std::max(pre, spec.waveform.pre_cycles);
  if (spec.hsrms.enabled) pre = std::max(pre, spec.hsrms.pre_cycles);
  return pre;
}

bool affected(const PqEvent& e, int phase) {
  return (e.phases >> phase) & 1;
}

// RMS of phase `p` at `t` seconds after the trigger.
double volts_at(const PqEvent& e, const PqBase& b, int p, double t) {
  const bool in = t >= 0 && t < static_cast<double>(e.duration.count()) / 1e6;
  return b.volts[p] * (in && affected(e, p) ? e.magnitude : 1.0);
}
double amps_at(const PqEvent& e, const PqBase& b, int p, double t) {
  const bool in = t >= 0 && t < static_cast<double>(e.duration.count()) / 1e6;
  return b.amps[p] * (in && e.kind == PqEventKind::interruption ? e.magnitude : 1.0);
}

SeriesInstance values(std::vector<double> v) {
  SeriesInstance s;
  s.values = std::move(v);
  return s;
}

SeriesInstance axis(double first, double step, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = first + step * static_cast<double>(i);
  return values(std::move(v));
}

ChannelInstance instance(std::uint32_t definition, std::vector<SeriesInstance> series) {
  ChannelInstance c;
  c.channel_definition_index = definition;
  c.series = std::move(series);
  return c;
}

// XY: min/max/avg over the event of each channel (part4 §8.6). The meter measures them
// cycle by cycle; here avg is the event's level, min and max 1 % either side of it on
// the disturbed quantities.
void add_xy(Observation& o, const PqEvent& e, const PqBase& b) {
  const auto& table = xy_channels();
  for (std::uint32_t i = 0; i < kXyChannels; ++i) {
    const int p = static_cast<int>(i % 3);
    double avg = 0, spread = 0;
    switch (table[i].quantity) {
      case 0:
        avg = volts_at(e, b, p, 0);
        spread = affected(e, p) ? 0.01 : 0.002;
        break;
      case 1:
        avg = b.amps[p];
        spread = 0.005;
        break;
      case 2:
        avg = b.vthd[p];
        spread = 0.05;
        break;
      case 3:
        avg = b.athd[p];
        spread = 0.05;
        break;
      case 4:
        avg = b.power_factor[p];
        spread = 0.0;
        break;
      default:
        avg = b.frequency;
        spread = 0.0001;
        break;
    }
    const double lo = f32(avg * (1 - spread)), hi = f32(avg * (1 + spread));
    o.channels.push_back(instance(kXyFirst + i, {values({std::min(lo, hi)}),
                                                 values({std::max(lo, hi)}), values({f32(avg)})}));
  }
}

// MagDurTime: when (seconds after the observation start), how deep, how long per phase.
void add_magdur(Observation& o, const PqEvent& e, const PqBase& b, double trigger_offset) {
  for (int p = 0; p < 3; ++p) {
    const double duration = affected(e, p) ? static_cast<double>(e.duration.count()) / 1e6 : 0.0;
    o.channels.push_back(instance(kMagDurFirst + static_cast<std::uint32_t>(p),
                                  {values({f32(trigger_offset)}),
                                   values({f32(volts_at(e, b, p, 0))}), values({f32(duration)})}));
  }
}

// Waveform Capture: sampled sines at the recorded RMS, voltage and current angles of the
// model, the event's dip (or rise) on the affected phases.
void add_waveform(Observation& o, const PqEvent& e, const PqBase& b, const PqdifSpec& spec, int hz,
                  double trigger_offset) {
  const auto& r = spec.waveform;
  const std::uint32_t cycles = recorded_cycles(r, event_cycles(e, hz));
  const std::size_t n = static_cast<std::size_t>(cycles) * spec.waveform_samples_per_cycle;
  const double step = 1.0 / (hz * static_cast<double>(spec.waveform_samples_per_cycle));
  const double first = trigger_offset - static_cast<double>(r.pre_cycles) / hz;
  const double w = 2 * std::numbers::pi * hz;
  for (int q = 0; q < 2; ++q)
    for (int p = 0; p < 3; ++p) {
      std::vector<double> v(n);
      const double angle =
          (q == 0 ? b.voltage_angle[p] : b.current_angle[p]) * std::numbers::pi / 180;
      for (std::size_t k = 0; k < n; ++k) {
        const double t = first + step * static_cast<double>(k);
        const double rms =
            q == 0 ? volts_at(e, b, p, t - trigger_offset) : amps_at(e, b, p, t - trigger_offset);
        const double noise = 0.002 * hash_unit(b.noise_seed, static_cast<std::uint32_t>(q * 3 + p),
                                               static_cast<std::int64_t>(k));
        v[k] = f32(rms * (std::numbers::sqrt2 * std::sin(w * t + angle) + noise));
      }
      o.channels.push_back(instance(kWaveformFirst + static_cast<std::uint32_t>(q * 3 + p),
                                    {axis(first, step, n), values(std::move(v))}));
    }
}

// High Speed RMS: two points per cycle (part4 §2.1), volts, amps and phase angles.
void add_phasor(Observation& o, const PqEvent& e, const PqBase& b, const PqdifSpec& spec, int hz,
                double trigger_offset) {
  const auto& r = spec.hsrms;
  const std::size_t n = 2 * static_cast<std::size_t>(recorded_cycles(r, event_cycles(e, hz)));
  const double step = 0.5 / hz;
  const double first = trigger_offset - static_cast<double>(r.pre_cycles) / hz;
  for (int q = 0; q < 3; ++q)
    for (int p = 0; p < 3; ++p) {
      std::vector<double> v(n);
      for (std::size_t k = 0; k < n; ++k) {
        const double t = first + step * static_cast<double>(k) - trigger_offset;
        v[k] = f32(q == 0   ? volts_at(e, b, p, t)
                   : q == 1 ? amps_at(e, b, p, t)
                            : b.current_angle[p] - b.voltage_angle[p]);
      }
      o.channels.push_back(instance(kPhasorFirst + static_cast<std::uint32_t>(q * 3 + p),
                                    {axis(first, step, n), values(std::move(v))}));
    }
}

}  // namespace

std::uint32_t event_data_type(const PqEvent& e, const PqdifSpec& spec) {
  std::uint32_t type = e.kind == PqEventKind::rvc            ? kPqdifRapidVoltageChange
                       : e.kind == PqEventKind::interruption ? kPqdifVoltageInterruption
                                                             : kPqdifSagSwell;
  if (spec.waveform.enabled) type |= kPqdifWaveformCapture;
  if (spec.hsrms.enabled) type |= kPqdifHighSpeedRms;
  return type;
}

UtcTime event_recording_end(const PqEvent& e, const PqdifSpec& spec, int hz) {
  const UtcTime start = e.trigger - cycles_to_micros(pre_max(spec), hz);
  UtcTime end = e.trigger + e.duration;
  const std::uint32_t ev = event_cycles(e, hz);
  for (const auto* r : {&spec.waveform, &spec.hsrms})
    if (r->enabled)
      end = std::max(end, start + cycles_to_micros(pre_max(spec) - r->pre_cycles, hz) +
                              cycles_to_micros(recorded_cycles(*r, ev), hz));
  return end;
}

Observation event_observation(const PqEvent& e, const PqBase& b, const PqdifSpec& spec, int hz) {
  Observation o;
  const std::string kind(pq_event_kind_text(e.kind));
  o.name = kind == "rvc"            ? "Rapid Voltage Change"
           : kind == "interruption" ? "Voltage Interruption"
           : kind == "sag"          ? "Voltage Sag"
                                    : "Voltage Swell";
  const std::uint32_t pre = pre_max(spec);
  o.time_start = e.trigger - cycles_to_micros(pre, hz);
  o.time_triggered = e.trigger;
  o.time_create = event_recording_end(e, spec, hz);
  o.trigger_method = kTriggerChannel;
  const double trigger_offset = static_cast<double>((e.trigger - o.time_start).count()) / 1e6;
  if (e.kind == PqEventKind::sag || e.kind == PqEventKind::swell) add_xy(o, e, b);
  add_magdur(o, e, b, trigger_offset);
  if (spec.waveform.enabled) add_waveform(o, e, b, spec, hz, trigger_offset);
  if (spec.hsrms.enabled) add_phasor(o, e, b, spec, hz, trigger_offset);
  // The MagDurTime channels of the phases that triggered (indexes of channel instances).
  const std::uint32_t magdur =
      o.channels.at(0).channel_definition_index == kMagDurFirst ? 0 : kXyChannels;
  for (std::uint32_t p = 0; p < 3; ++p)
    if (affected(e, static_cast<int>(p))) o.channel_trigger_indexes.push_back(magdur + p);
  return o;
}

Observation measurement_log_observation(UtcTime end, const PqdifSpec& spec,
                                        const MlSample& sample) {
  Observation o;
  o.name = "Measurement Log";
  const Micros interval{static_cast<std::int64_t>(spec.ml_interval_minutes) * 60'000'000};
  const Micros record{static_cast<std::int64_t>(spec.ml_record_minutes) * 60'000'000};
  o.time_start = end - interval;
  o.time_create = end;
  o.trigger_method = kTriggerPeriodic;
  const std::size_t n = static_cast<std::size_t>(interval / record);
  const double step = static_cast<double>(record.count()) / 1e6;
  for (std::size_t c = 0; c < spec.ml_channels.size(); ++c) {
    std::vector<double> v(n);
    for (std::size_t k = 0; k < n; ++k)
      v[k] = f32(
          sample(spec.ml_channels[c], o.time_start + record * static_cast<std::int64_t>(k + 1)));
    o.channels.push_back(instance(kValueLogFirst + static_cast<std::uint32_t>(c),
                                  {axis(step, step, n), values(std::move(v))}));
  }
  return o;
}

}  // namespace jemhead::sim
