#pragma once
// PROTOCOL SETUP, DNP Slave (DNP3 outstation; L6132-L6434, appendix A L10911-L12550): general
// settings and the point lists the DNP driver reads. Factory defaults: appendix C
// (L13771-L13860).
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/protocol_points.hpp"

namespace jemhead::config {

// An analog input (Object 30; variations 1-5, L12244-L12252). 32-bit objects: secondary
// value x 1000 (three decimals) x scale_factor (L12331-L12363). 16-bit objects: either the
// same straight scaling (the "32-bit method", watch 32,767) or the auto-scaled 16-bit value
// x scale factor 1-100 (the "16-bit method", L12384-L12480; analog_scaling.hpp).
struct DnpAnalogPoint : AnalogMeasurement {
  int point = 1;
  int scale_factor = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("point", s.point, Range{1, 200}, Seed{"L6331-L6335"}, "Point 1-200: the DNP index");
    describe_measurement(s, v);
    // Appendix A says "0-1,000" (L12337) but the section says 1-1000 (L6386-L6390).
    v.field("scale_factor", s.scale_factor, Range{1, 1000}, Seed{"L6386-L6402, L12331-L12480"},
            "Scale factor: 1-1000, 1-100 with the 16-bit scaling method");
  }
  bool operator==(const DnpAnalogPoint&) const = default;
};

inline std::vector<DnpAnalogPoint> default_dnp_analog_points() {
  std::vector<DnpAnalogPoint> out;
  for (const auto& m : default_analog_measurements()) {
    DnpAnalogPoint p;
    static_cast<AnalogMeasurement&>(p) = m;
    p.point = static_cast<int>(out.size()) + 1;
    out.push_back(p);
  }
  return out;
}

struct DnpSlave {
  int write_time_interval_minutes = 1;
  // Appendix C's "1" in the units the manual gives (ms, L6156). The application timeout has
  // no unit in the manual; ms keeps the formula of rule dnp_app_confirm_timeout in one unit.
  int data_link_confirm_timeout_ms = 1;
  DnpDataLinkConfirmMode data_link_confirm_mode = DnpDataLinkConfirmMode::never;
  bool class_0_running_counters = true;  // Object 20
  bool class_0_frozen_counters = true;   // Object 21
  int application_confirm_timeout_ms = 1;
  int data_link_confirm_retries = 3;
  int restrict_counter_digits = 9;  // appendix C "any" = the full 9 digits
  int time_set_tolerance_seconds = 2;
  bool global_time_set = true;
  int analog_input_variation = 3;
  bool frozen_counter_events = true;
  // Appendix C has none; 0 = never disconnect.
  int inactivity_timeout_seconds = 0;
  DnpAnalogScaling analog_scaling = DnpAnalogScaling::sixteen_bit;
  std::vector<CounterPoint> counters = default_counter_points();
  std::vector<DnpAnalogPoint> analogs = default_dnp_analog_points();
  std::vector<BinaryOutputPoint> binary_outputs{{1, 3}, {2, 4}, {3, 5}, {4, 6}};
  std::vector<BinaryInputPoint> binary_inputs{{1, BinaryInputSource::digital_input, 1},
                                              {2, BinaryInputSource::digital_input, 2}};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    // Ranges the manual does not give are ours: a day, 16-bit milliseconds and seconds.
    v.field("write_time_interval_minutes", s.write_time_interval_minutes, Range{0, 1440},
            Seed{"L6146-L6152, L13773"}, "Minutes between time-set requests; 0 = never");
    v.field("data_link_confirm_timeout_ms", s.data_link_confirm_timeout_ms, Range{1, 65535},
            Seed{"L6154-L6158, L13775"}, "Data Link Confirm Timeout, ms");
    v.field("data_link_confirm_mode", s.data_link_confirm_mode, Seed{"L6160-L6166, L13777"},
            "Data Link Confirm Mode (sometimes = multi-frame fragments only)");
    v.field("class_0_running_counters", s.class_0_running_counters, Seed{"L6168-L6174, L13793"},
            "Class 0 polls include running counters (Object 20)");
    v.field("class_0_frozen_counters", s.class_0_frozen_counters, Seed{"L6176-L6180, L13795"},
            "Class 0 polls include frozen counters (Object 21)");
    v.field("application_confirm_timeout_ms", s.application_confirm_timeout_ms, Range{1, 65535},
            Seed{"L6182-L6194, L13779"}, "Application Confirm Timeout, ms");
    v.field("data_link_confirm_retries", s.data_link_confirm_retries, Range{0, 255},
            Seed{"L6196-L6199, L13781"}, "Data Link Confirm Retries");
    v.field("restrict_counter_digits", s.restrict_counter_digits, Allowed{{3, 4, 5, 6, 7, 8, 9}},
            Seed{"L6201-L6219, L13783"},
            "Digits reported for counters (DNP and Modbus holding registers); 9 = full");
    v.field("time_set_tolerance_seconds", s.time_set_tolerance_seconds, Range{0, 3600},
            Seed{"L6221-L6229, L13785"}, "Time sets smaller than this are not logged in LP");
    v.field("global_time_set", s.global_time_set, Seed{"L6231-L6237, L13797"},
            "Accept time sets from other devices");
    v.field("analog_input_variation", s.analog_input_variation, Allowed{{3, 4}},
            Seed{"L6239-L6249, L13787"},
            "Class-poll Object 30 variation: 3 (32-bit) or 4 (16-bit), without flag");
    v.field("frozen_counter_events", s.frozen_counter_events, Seed{"L6251-L6257, L13789"},
            "Create frozen counter events on each register freeze");
    v.field("inactivity_timeout_seconds", s.inactivity_timeout_seconds, Range{0, 65535},
            Seed{"L6259-L6265"}, "Drop an idle Ethernet master after this many seconds; 0 = never");
    v.field("analog_scaling", s.analog_scaling, Seed{"L6321-L6327, L13791"},
            "Scaling method of 16-bit analog objects: 16_bit or 32_bit");
    v.list("counters", s.counters, Count{0, 300}, Seed{"L6266-L6310, L13799-L13805"},
           "DNP Counters (Objects 20, 21, 23)");
    v.list("analogs", s.analogs, Count{0, 200}, Seed{"L6311-L6402, L13809-L13842"},
           "DNP Analog Inputs (Object 30)");
    v.list("binary_outputs", s.binary_outputs, Count{0, 14}, Seed{"L6412-L6418, L13846-L13854"},
           "Binary Outputs (Object 10): digital outputs");
    v.list("binary_inputs", s.binary_inputs, Count{0, 100}, Seed{"L6420-L6426, L13856-L13860"},
           "Binary Inputs (Object 2): digital inputs, triggers, meter status");
  }
  bool operator==(const DnpSlave&) const = default;
};

}  // namespace jemhead::config
