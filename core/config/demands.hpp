#pragma once
// DEMANDS (manual L3479-L3572): timing shared by every demand register. Factory defaults:
// appendix C (L13508-L13520).
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct Demands {
  int interval_minutes = 15;
  int subinterval_minutes = 5;
  bool demand_sync = false;
  int thermal_time_minutes = 15;
  int defer_subintervals = 0;
  int outage_threshold_seconds = 1;
  bool defer_incomplete_interval = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("interval_minutes", s.interval_minutes, Range{1, 60}, Seed{"L3493-L3499, L13510"},
            "Demand interval length, minutes");
    v.field("subinterval_minutes", s.subinterval_minutes, Range{1, 60}, Seed{"L3501-L3521, L13512"},
            "Subinterval length, minutes; equal to the interval gives block demand");
    v.field("demand_sync", s.demand_sync, Seed{"L3523-L3534, L13514"},
            "Start demand intervals on an external pulse (needs a DI set to Interval Sync)");
    v.field("thermal_time_minutes", s.thermal_time_minutes, Range{1, 60},
            Seed{"L3536-L3550, L13516"}, "Time for a thermal register to reach 90 % of a step");
    // The manual gives no range (L3552-L3560; appendix C's "0 sec" at L13518 is this
    // field): 0..60 subintervals, i.e. at most an hour at one-minute subintervals.
    v.field("defer_subintervals", s.defer_subintervals, Range{0, 60}, Seed{"L3552-L3560, L13518"},
            "Subintervals without demand after a power outage");
    v.field("outage_threshold_seconds", s.outage_threshold_seconds, Range{0, 60},
            Seed{"L3562-L3566, L13520"},
            "An outage must last longer than this to start a deferral, seconds");
    // Appendix C does not list it; off keeps demand recording as it was.
    v.field("defer_incomplete_interval", s.defer_incomplete_interval, Seed{"L3570-L3572"},
            "Also defer the incomplete interval after an outage");
  }
  bool operator==(const Demands&) const = default;
};

}  // namespace jemhead::config
