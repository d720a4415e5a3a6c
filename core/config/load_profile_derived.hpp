#pragma once
// What the manual lets us derive for LOAD PROFILE (L3302-L3478). The "Suggest Km" button's
// formula is not in the text (L3466-L3468 say only "an appropriate value based on the chosen
// quantity"), so it is not reproduced; what can be derived is the full-scale energy one
// interval holds and the counts a channel's Km gives for it against the meter's 16,383-count
// limit (L4780-L4782). Estimated Days of Storage has no formula either (L3348-L3354): the
// memory size and record size are nowhere in the manual; only a meter's own DLMS "profile
// entries" (L15000-L15006) lets the days be computed. Formulas and lines are in the .cpp.
#include <boost/json/object.hpp>
#include <optional>

#include "core/config/load_profile.hpp"
#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

// "The Load Profile Counts have exceeded the maximum 16 bit storage range of 16,383" (L4780).
inline constexpr double kLpMaxCounts = 16'383;

// Interval length in hours; nullopt when it is not fixed (monthly, external interval sync).
std::optional<double> lp_interval_hours(const LpProfile& profile);

// Primary energy of one full-scale interval in the channel's Measurement Units (the units
// Km is entered in, L3460-L3464); nullopt where no full scale is defined for the channel.
std::optional<double> lp_full_scale_per_interval(const PrimaryConfiguration& p,
                                                 const LpProfile& profile, const LpChannel& ch);

// Counts of one full-scale interval with the channel's Km (Km = LP pulse weight, L17615).
std::optional<double> lp_full_scale_counts(const PrimaryConfiguration& p, const LpProfile& profile,
                                           const LpChannel& ch);

// The smallest Km that keeps a full-scale interval within 16,383 counts. A lower bound for
// Km, not the value the Suggest Km button picks.
std::optional<double> lp_km_minimum(const PrimaryConfiguration& p, const LpProfile& profile,
                                    const LpChannel& ch);

// Days a profile holds given the "profile entries" (maximum intervals retained) a meter
// reports over DLMS (1.0.99.1.0.255 attribute 8, L15000-L15006) and the capture period in
// seconds (attribute 4, L14984). nullopt for a zero capture period.
std::optional<double> lp_storage_days_from_profile_entries(double profile_entries,
                                                           double capture_period_s);

// Per profile: interval hours, Estimated Days of Storage (null: no formula) and per channel
// the full-scale energy, counts and minimum Km, null where not defined.
boost::json::object load_profile_derived_json(const PrimaryConfiguration& p, const LoadProfile& lp);

}  // namespace jemhead::config
