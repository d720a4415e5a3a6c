#pragma once
// LOAD PROFILE (manual L3302-L3478): one profile (a second with the Dual Load Profile
// option, L3310-L3316), each with its interval, sync and freeze markers and up to 16
// channels. Factory defaults: appendix C (L13488-L13506) lists profile 1 without channels.
// Estimated Days of Storage is derived from channel count and interval (L3348-L3354) but
// the manual gives no formula, so it is not computed here.
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/load_profile_enums.hpp"

namespace jemhead::config {

struct LpChannel {
  // A new channel defaults to polyphase Wh delivered, recorded always: the manual has no
  // per-channel factory default (appendix C lists no channels).
  LpChannelType type = LpChannelType::consumption;
  LpQuantity quantity = LpQuantity::watt_hours;
  LpPhase phase = LpPhase::polyphase;
  LpDirection direction = LpDirection::delivered;
  LpRecords records = LpRecords::always;
  double km = 1.0;
  bool tlc = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("type", s.type, Seed{"L3365-L3393"}, "Channel type");
    v.field("quantity", s.quantity, Seed{"L3395-L3413"}, "Quantity; the list depends on type");
    v.field("phase", s.phase, Seed{"L3415-L3429"}, "Phase; the list depends on quantity");
    v.field("direction", s.direction, Seed{"L3431-L3439"},
            "Direction; the list depends on quantity");
    v.field("records", s.records, Seed{"L3441-L3456"}, "When the channel records");
    // Km limits are not in the manual: it must be positive (it divides the value into
    // counts); 1e-6..1e9 covers milli to giga units.
    v.field("km", s.km, Range{0.000001, 1e9}, Seed{"L3458-L3468"},
            "Primary Km: LP pulse weight in the Measurement Units of primary configuration");
    v.field("tlc", s.tlc, Seed{"L3474-L3478"}, "Apply transformer loss compensation");
  }
  bool operator==(const LpChannel&) const = default;
};

struct LpProfile {
  LpIntervalKind interval_kind = LpIntervalKind::minutes;
  int interval_minutes = 15;
  bool external_interval_sync = false;
  bool freeze_markers = true;
  LpContents contents = LpContents::data_and_events;
  LpDataUnits data_units = LpDataUnits::counts;
  std::vector<LpChannel> channels;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("interval_kind", s.interval_kind, Seed{"L3320-L3326"},
            "Interval length: minutes, daily, weekly or monthly");
    // "1 - 60 minutes" (L3324): whether only divisors of 60 are offered is a screenshot,
    // so every whole minute 1..60 is accepted.
    v.field("interval_minutes", s.interval_minutes, Range{1, 60}, Seed{"L3320-L3326, L13492"},
            "Interval length in minutes (when interval_kind is minutes)");
    v.field("external_interval_sync", s.external_interval_sync, Seed{"L3328-L3338, L13494"},
            "Start intervals on an external pulse (needs a DI set to Interval Sync)");
    v.field("freeze_markers", s.freeze_markers, Seed{"L3340-L3346, L13496"},
            "Record freezes in the event list (uses LP memory)");
    v.field("contents", s.contents, Seed{"L13498-L13500"}, "Data only, or data and events");
    v.field("data_units", s.data_units, Seed{"L13502-L13504"},
            "Data in counts or in engineering units");
    v.list("channels", s.channels, Count{0, 16}, Seed{"L3310-L3316, L2429-L2431"},
           "Up to 16 channels per profile");
  }
  bool operator==(const LpProfile&) const = default;
};

struct LoadProfile {
  std::vector<LpProfile> profiles = {LpProfile{}};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("profiles", s.profiles, Count{1, 2}, Seed{"L3310-L3316"},
           "Load profile 1, and 2 with the Dual Load Profile option");
  }
  bool operator==(const LoadProfile&) const = default;
};

}  // namespace jemhead::config
