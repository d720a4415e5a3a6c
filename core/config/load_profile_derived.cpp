#include "core/config/load_profile_derived.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "core/config/full_scale_derived.hpp"

namespace jemhead::config {
namespace {

// A value, or null where the manual defines none.
boost::json::value nullable(std::optional<double> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// Consumption quantities with a full scale (full_scale_derived.hpp); the others have none.
std::optional<FullScaleKind> full_scale_kind(const LpChannel& ch) {
  if (ch.type != LpChannelType::consumption) return std::nullopt;
  switch (ch.quantity) {
    case LpQuantity::watt_hours: return FullScaleKind::watts;
    case LpQuantity::var_hours: return FullScaleKind::vars;
    case LpQuantity::va_hours: return FullScaleKind::va;
    default: return std::nullopt;
  }
}

std::optional<bool> is_polyphase(LpPhase phase) {
  switch (phase) {
    case LpPhase::polyphase: return true;
    case LpPhase::a:
    case LpPhase::b:
    case LpPhase::c: return false;
    default: return std::nullopt;
  }
}

}  // namespace

// "1 - 60 minutes, Daily, Weekly and Monthly" (L3320-L3326). A month has no fixed length and
// External Interval Sync "will override the Interval Length setting" (L3330-L3332).
std::optional<double> lp_interval_hours(const LpProfile& profile) {
  if (profile.external_interval_sync) return std::nullopt;
  switch (profile.interval_kind) {
    case LpIntervalKind::minutes: return profile.interval_minutes / 60.0;
    case LpIntervalKind::daily: return 24.0;
    case LpIntervalKind::weekly: return 168.0;
    case LpIntervalKind::monthly: return std::nullopt;
  }
  return std::nullopt;
}

// Full Scale Watts "is also used in the calculation for a recommended Km value" (L2556-L2560):
// primary full-scale power x interval length, in the Measurement Units Km is entered in
// ("Primary Km ... based on the units ... chosen in the Primary configuration", L3458-L3464).
std::optional<double> lp_full_scale_per_interval(const PrimaryConfiguration& p,
                                                 const LpProfile& profile, const LpChannel& ch) {
  const auto kind = full_scale_kind(ch);
  const auto poly = is_polyphase(ch.phase);
  const auto hours = lp_interval_hours(profile);
  if (!kind || !poly || !hours) return std::nullopt;
  const auto secondary = full_scale_secondary(p, *poly);
  if (!secondary) return std::nullopt;
  return *secondary * transformer_factor(p) * *hours / unit_scale_factor(unit_scale_of(p, *kind));
}

// Km is the LP pulse weight (L17615): energy per count, as Ke is energy per pulse (L4373).
std::optional<double> lp_full_scale_counts(const PrimaryConfiguration& p, const LpProfile& profile,
                                           const LpChannel& ch) {
  const auto energy = lp_full_scale_per_interval(p, profile, ch);
  if (!energy || ch.km <= 0) return std::nullopt;
  return *energy / ch.km;
}

std::optional<double> lp_km_minimum(const PrimaryConfiguration& p, const LpProfile& profile,
                                    const LpChannel& ch) {
  const auto energy = lp_full_scale_per_interval(p, profile, ch);
  if (!energy) return std::nullopt;
  return *energy / kLpMaxCounts;
}

// Profile entries are the "maximum number of entries to be retained in the Buffer -
// dependent on number of LP channels configured" (L15000-L15006), one per interval.
std::optional<double> lp_storage_days_from_profile_entries(double profile_entries,
                                                           double capture_period_s) {
  if (capture_period_s <= 0) return std::nullopt;
  return profile_entries * capture_period_s / 86'400.0;
}

boost::json::object load_profile_derived_json(const PrimaryConfiguration& p,
                                              const LoadProfile& lp) {
  boost::json::array profiles;
  for (const auto& profile : lp.profiles) {
    boost::json::array channels;
    for (const auto& ch : profile.channels) {
      const auto counts = lp_full_scale_counts(p, profile, ch);
      boost::json::object o;
      o["full_scale_per_interval"] = nullable(lp_full_scale_per_interval(p, profile, ch));
      o["full_scale_counts"] = nullable(counts);
      o["km_minimum"] = nullable(lp_km_minimum(p, profile, ch));
      o["exceeds_max_counts"] =
          counts ? boost::json::value(*counts > kLpMaxCounts) : boost::json::value(nullptr);
      channels.push_back(std::move(o));
    }
    boost::json::object o;
    o["interval_hours"] = nullable(lp_interval_hours(profile));
    // No formula in the manual (L3348-L3354): see the header.
    o["estimated_days_of_storage"] = nullptr;
    o["channels"] = std::move(channels);
    profiles.push_back(std::move(o));
  }
  boost::json::object out;
  out["profiles"] = std::move(profiles);
  return out;
}

}  // namespace jemhead::config
