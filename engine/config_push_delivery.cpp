#include "engine/config_push_delivery.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/config/config_impact.hpp"
#include "engine/clock_sync.hpp"
#include "engine/config_session_io.hpp"
#include "engine/reading_store.hpp"

namespace jemhead::engine {

namespace {

std::string protocols_text(const std::vector<ConnectionProfile>& profiles) {
  std::vector<std::string> names;
  for (const auto& p : profiles) {
    std::string n(to_text(p.protocol));
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out.empty() ? std::string("none") : out;
}

// Whether a preset's read-back matches: the register keeps counting after the preset, so
// it may be ahead by a little (0.5 % or 1 unit, whichever is more), never behind.
bool preset_read_back_matches(double written, double read) {
  const double slack = std::max(1.0, std::fabs(written) * 0.005);
  return read >= written - 1e-6 && read <= written + slack;
}

const RegisterReading* reading_for(const drivers::RegisterPreset& preset,
                                   const std::vector<RegisterReading>& readings,
                                   std::size_t presets) {
  for (const auto& r : readings)
    if (r.register_id == preset.point || r.description == preset.point ||
        r.description.rfind(preset.point + " (", 0) == 0)
      return &r;
  if (presets == 1 && readings.size() == 1) return &readings.front();
  return nullptr;
}

std::string format_number(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

// Routes `section`'s operation to the profile that can do `capability` (its protocol goes
// on the result); nullopt, with the result failed, when none can.
std::optional<ConnectionProfile> route_operation(const ConfigPushContext& ctx,
                                                 const std::vector<ConnectionProfile>& profiles,
                                                 Capability capability, ConfigPushSection& r) {
  std::string why;
  auto profile = ctx.drivers.route(profiles, capability, why);
  if (!profile) {
    r.outcome = "failed";
    r.detail = why;
    return std::nullopt;
  }
  r.protocol = std::string(to_text(profile->protocol));
  return profile;
}

// Whether the operation ran; when not, the result says why (refused or failed).
template <typename T>
bool operation_ran(const IoResult<T>& result, ConfigPushSection& r) {
  if (result.value) return true;
  r.outcome = result.refused_by_meter ? "refused_by_meter" : "failed";
  r.detail = result.error;
  return false;
}

}  // namespace

std::vector<ConfigPushSection> deliver_sections(const ConfigPushContext& ctx,
                                                const ConfigPush& push,
                                                const std::vector<ConnectionProfile>& profiles,
                                                bool mid) {
  const auto protocols = protocols_text(profiles);
  std::vector<ConfigPushSection> out;
  for (const auto& section : push.sections) {
    ConfigPushSection r;
    r.section = section;
    std::string why;
    if (mid && config::mid_locked_section(section)) {
      r.outcome = "refused_mid";
      r.detail = "MID meter: the security key locks this section (manual L384-L411)";
    } else if (const auto p = ctx.drivers.route(profiles, Capability::write_configuration, why)) {
      r.outcome = "failed";
      r.detail = "the " + std::string(to_text(p->protocol)) +
                 " driver declares write_configuration, but no session operation writes "
                 "sections yet";
      r.protocol = std::string(to_text(p->protocol));
    } else {
      r.outcome = kNotDeliverable;
      r.detail = "not deliverable over the configured protocols (" + protocols +
                 "); pending on version " + std::to_string(push.version);
    }
    out.push_back(std::move(r));
  }
  return out;
}

ConfigPushSection set_clock(const ConfigPushContext& ctx, const Meter& meter,
                            const std::vector<ConnectionProfile>& profiles, PushExtras& extras) {
  ConfigPushSection r;
  r.section = "clock";
  const auto profile = route_operation(ctx, profiles, Capability::set_clock, r);
  if (!profile) return r;
  const auto result = run_in_session<ClockSyncResult>(
      ctx, meter, *profile,
      [](drivers::Session& s) { return sync_clock(s, std::chrono::microseconds(0), true); });
  if (!operation_ran(result, r)) return r;
  for (auto& c : clock_records(*result.value, meter.id)) extras.clock.push_back(std::move(c));
  if (!result.value->after) {
    r.outcome = "failed";
    r.detail = "the clock was not set";
    return r;
  }
  const auto offset_us = result.value->after->offset_us();
  const auto tolerance_us =
      std::chrono::duration_cast<std::chrono::microseconds>(ctx.options.clock_tolerance).count();
  r.outcome = std::llabs(offset_us) <= tolerance_us ? "verified" : "mismatch";
  r.detail = "offset before " + std::to_string(result.value->before.offset_us() / 1000) +
             " ms, after " + std::to_string(offset_us / 1000) + " ms (read back)";
  return r;
}

ConfigPushSection write_presets(const ConfigPushContext& ctx, const Meter& meter,
                                const std::vector<ConnectionProfile>& profiles, bool mid,
                                const std::vector<drivers::RegisterPreset>& values,
                                PushExtras& extras) {
  ConfigPushSection r;
  r.section = "presets";
  if (mid) {
    r.outcome = "refused_mid";
    r.detail = "MID meter: \"Preset Registers\" is locked by the security key (manual L411)";
    return r;
  }
  const auto profile = route_operation(ctx, profiles, Capability::write_presets, r);
  if (!profile) return r;
  const auto result = run_in_session<std::vector<RegisterReading>>(
      ctx, meter, *profile, [values](drivers::Session& s) { return s.write_presets(values); });
  if (!operation_ran(result, r)) return r;
  for (auto reading : *result.value) {
    reading.meter_id = meter.id;
    extras.registers.push_back(std::move(reading));
  }
  bool all = true;
  std::string detail;
  for (const auto& p : values) {
    const auto* read = reading_for(p, *result.value, values.size());
    if (!detail.empty()) detail += "; ";
    detail += p.point + ": wrote " + format_number(p.value);
    if (!read) {
      detail += ", not read back";
      all = false;
      continue;
    }
    detail += ", read back " + format_number(read->value);
    if (!preset_read_back_matches(p.value, read->value)) all = false;
  }
  r.outcome = all ? "verified" : "mismatch";
  r.detail = detail;
  return r;
}

ConfigPushSection control_outputs(const ConfigPushContext& ctx, const Meter& meter,
                                  const std::vector<ConnectionProfile>& profiles,
                                  const std::vector<drivers::OutputCommand>& commands) {
  ConfigPushSection r;
  r.section = "outputs";
  const auto profile = route_operation(ctx, profiles, Capability::control_outputs, r);
  if (!profile) return r;
  const auto result = run_in_session<std::vector<drivers::OutputState>>(
      ctx, meter, *profile,
      [commands](drivers::Session& s) { return s.control_outputs(commands); });
  if (!operation_ran(result, r)) return r;
  bool all = true;
  std::string detail;
  for (const auto& c : commands) {
    const drivers::OutputState* state = nullptr;
    for (const auto& s : *result.value)
      if (s.output == c.output || std::to_string(s.channel) == c.output) state = &s;
    if (!detail.empty()) detail += "; ";
    detail += c.output + (c.on ? ": on" : ": off");
    if (!state) {
      detail += ", not read back";
      all = false;
    } else if (state->on != c.on) {
      detail += ", read back ";
      detail += state->on ? "on" : "off";
      all = false;
    }
  }
  r.outcome = all ? "verified" : "mismatch";
  r.detail = detail;
  return r;
}

}  // namespace jemhead::engine
