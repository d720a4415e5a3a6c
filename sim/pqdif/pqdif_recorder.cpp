#include "sim/pqdif/pqdif_recorder.hpp"

#include <algorithm>

#include "sim/noise.hpp"
#include "sim/pqdif/channel_table.hpp"
#include "sim/pqdif/pqdif_plan.hpp"

namespace jemhead::sim {

namespace {

constexpr std::uint32_t kStreamThd = 0x5051'0010;

double seconds(UtcTime t) {
  return static_cast<double>(to_unix_micros(t)) / 1e6;
}

}  // namespace

PqdifRecorder::PqdifRecorder(const MeterSpec& spec, const MetrologyModel& model, UtcTime epoch)
    : meter_(spec),
      pqdif_(spec.pqdif ? spec.pqdif : std::make_shared<const PqdifSpec>()),
      model_(model),
      epoch_(epoch),
      source_(meter_data_source(spec.serial, *pqdif_, epoch)),
      generated_until_(epoch) {}

PqBase PqdifRecorder::base_at(UtcTime at) const {
  const Instantaneous i = model_.instantaneous(seconds(at));
  PqBase b;
  for (int p = 0; p < 3; ++p) {
    const auto& ph = i.phase[static_cast<std::size_t>(p)];
    b.volts[p] = ph.volts * meter_.pt_ratio;
    b.amps[p] = ph.amps * meter_.ct_ratio;
    b.voltage_angle[p] = ph.voltage_angle;
    b.current_angle[p] = ph.current_angle;
    b.power_factor[p] = ph.power_factor;
    // The model has no harmonics: seeded distortion in the usual ranges.
    const std::int64_t index = to_unix_micros(at) / 1'000'000 * 3 + p;
    b.vthd[p] = 1.5 + 1.0 * hash_unit(meter_.seed, kStreamThd, index);
    b.athd[p] = 10.0 + 5.0 * hash_unit(meter_.seed, kStreamThd + 1, index);
  }
  b.frequency = i.frequency;
  b.noise_seed = mix64(meter_.seed ^ static_cast<std::uint64_t>(to_unix_micros(at)));
  return b;
}

double PqdifRecorder::ml_value(const std::string& c, UtcTime at) const {
  const Instantaneous i = model_.instantaneous(seconds(at));
  const double power = meter_.pt_ratio * meter_.ct_ratio;
  if (c == "volts_a") return i.phase[0].volts * meter_.pt_ratio;
  if (c == "volts_b") return i.phase[1].volts * meter_.pt_ratio;
  if (c == "volts_c") return i.phase[2].volts * meter_.pt_ratio;
  if (c == "amps_a") return i.phase[0].amps * meter_.ct_ratio;
  if (c == "amps_b") return i.phase[1].amps * meter_.ct_ratio;
  if (c == "amps_c") return i.phase[2].amps * meter_.ct_ratio;
  if (c == "watts_total") return i.total.watts * power;
  if (c == "vars_total") return i.total.vars * power;
  if (c == "va_total") return i.total.va_arithmetic * power;
  if (c == "pf_total") return i.total.power_factor_arithmetic;
  return i.frequency;
}

std::vector<PqdifFile> PqdifRecorder::build(const PqdifFilePlan& plan) const {
  std::vector<pqdif::Observation> obs;
  for (const auto& e : plan.events)
    obs.push_back(event_observation(e, base_at(e.trigger), *pqdif_, meter_.frequency));
  for (UtcTime end : plan.ml_ends)
    obs.push_back(measurement_log_observation(
        end, *pqdif_, [this](const std::string& c, UtcTime at) { return ml_value(c, at); }));
  std::stable_sort(obs.begin(), obs.end(),
                   [](const auto& a, const auto& b) { return a.time_start < b.time_start; });
  return build_pqdif_files(meter_.serial, source_, obs, plan.name_seconds, plan.created,
                           plan.data_type, *pqdif_);
}

void PqdifRecorder::catch_up(UtcTime now) {
  if (now <= generated_until_) return;
  const PqdifPlanInput in{*pqdif_, meter_.seed, meter_.frequency, epoch_, forced_};
  auto plans = plan_pqdif_files(in, generated_until_, now);
  generated_until_ = now;
  // Files the FIFO would drop at once are never encoded (every plan makes a file or more).
  const std::size_t keep = pqdif_->max_files;
  const std::size_t skip = plans.size() > keep ? plans.size() - keep : 0;
  for (std::size_t i = skip; i < plans.size(); ++i)
    for (auto& f : build(plans[i])) {
      std::erase_if(files_, [&](const PqdifFile& old) { return old.name == f.name; });
      files_.push_back(std::move(f));
    }
  std::uint64_t bytes = 0;
  for (const auto& f : files_) bytes += f.bytes.size();
  while (files_.size() > keep || (files_.size() > 1 && bytes > pqdif_->max_store_bytes)) {
    bytes -= files_.front().bytes.size();
    files_.pop_front();
  }
}

std::vector<PqdifFileInfo> PqdifRecorder::list(UtcTime now) {
  std::lock_guard lock(mutex_);
  catch_up(now);
  std::vector<PqdifFileInfo> out;
  for (const auto& f : files_) out.push_back({f.name, f.bytes.size(), f.created});
  return out;
}

std::optional<std::string> PqdifRecorder::bytes(const std::string& name, UtcTime now) {
  std::lock_guard lock(mutex_);
  catch_up(now);
  for (const auto& f : files_)
    if (f.name == name) return f.bytes;
  return std::nullopt;
}

bool PqdifRecorder::remove(const std::string& name, UtcTime now) {
  std::lock_guard lock(mutex_);
  catch_up(now);
  return std::erase_if(files_, [&](const PqdifFile& f) { return f.name == name; }) > 0;
}

void PqdifRecorder::read(UtcTime now,
                         const std::function<void(const std::deque<PqdifFile>&)>& visit) {
  std::lock_guard lock(mutex_);
  catch_up(now);
  visit(files_);
}

PqEvent PqdifRecorder::trigger(PqEventKind kind, UtcTime now) {
  std::lock_guard lock(mutex_);
  catch_up(now);
  UtcTime at = std::max({now, epoch_, triggers_reported_until_});
  if (!forced_.empty() && at <= forced_.back().trigger) at = forced_.back().trigger + Micros{1};
  forced_.push_back(forced_pq_event(meter_.seed, kind, at));
  return forced_.back();
}

std::vector<PqEvent> PqdifRecorder::triggers(UtcTime from, UtcTime to) {
  std::lock_guard lock(mutex_);
  triggers_reported_until_ = std::max(triggers_reported_until_, to);
  from = std::max(from, epoch_);
  if (to <= from) return {};
  auto events = seeded_pq_events(meter_.seed, pqdif_->events_per_day, from, to);
  for (const auto& e : forced_)
    if (e.trigger >= from && e.trigger < to) events.push_back(e);
  std::stable_sort(events.begin(), events.end(),
                   [](const PqEvent& a, const PqEvent& b) { return a.trigger < b.trigger; });
  return events;
}

}  // namespace jemhead::sim
