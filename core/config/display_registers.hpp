#pragma once
// DISPLAY REGISTERS (manual L2685-L3301): the Normal, Alternate and Test display lists
// (at most 50 registers each, IDs 0-49 / 100-149 / 200-249, L2693-L2715) and the Self
// Read interval. Lists are sparse: only configured registers, each with its own `id`.
// Appendix C's register tables (L13473-L13487) are screenshots with no text, so the
// factory default is three empty lists.
//
// Changing any of this re-initialises the Display Registers feature (registers and self
// reads set to zero, L323-L345); Cumulative and Continuous Cumulative registers also reset
// on any BPR configuration change (L2941).
#include <string>
#include <vector>

#include "core/config/display_registers_enums.hpp"
#include "core/config/field_visitor.hpp"
#include "core/config/primary_enums.hpp"

namespace jemhead::config {

// One row of a display list; the columns of L2802-L3026, edited left to right because
// earlier columns limit later ones (L2797-L2799). Categories without a column leave it
// `none`. A new register defaults to polyphase Wh delivered, total, working, like a new
// LP channel: the manual gives no per-register default.
struct DisplayRegister {
  int id = 0;
  RegisterCategory category = RegisterCategory::register_;
  RegisterType type = RegisterType::consumption;
  RegisterQuantity quantity = RegisterQuantity::watt_hours;
  RegisterPhase phase = RegisterPhase::polyphase;
  RegisterDirection direction = RegisterDirection::delivered;
  RegisterTou tou = RegisterTou::total;
  RegisterStorage storage_type = RegisterStorage::working;
  // The Units pull-down is a screenshot (L2949-L2953); the scales are Primary
  // Configuration's. kilo (kWh) is our default for a new register.
  UnitScale units = UnitScale::kilo;
  int digits = 6;
  int decimal_point = 0;
  bool tlc = false;
  ValueScaling scaling_values = ValueScaling::primary;
  bool self_read = false;
  int screen = 1;
  std::string description;
  bool custom_description = false;
  // A Coincident register names its Peak register "in the TOU field" (glossary
  // L17538-L17546); kept apart from `tou` so the rate stays an enumeration. -1: none.
  int coincident_peak_id = -1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    // Each list's own range (0-49, 100-149, 200-249) is rule display_register_id_in_list_range.
    v.field("id", s.id, Range{0, 249}, Seed{"L2802-L2821"},
            "Register ID: 0-49 Normal, 100-149 Alternate, 200-249 Test");
    v.field("category", s.category, Seed{"L2823-L2849, L3273-L3279"}, "Register Category");
    v.field("type", s.type, Seed{"L2857-L2867"},
            "Register Type (Register and External Input categories; none otherwise)");
    v.field("quantity", s.quantity, Seed{"L2875-L2879"},
            "Quantity or item; the list depends on category and type");
    v.field("phase", s.phase, Seed{"L2880-L2884"}, "Phase; Average for Amps and Amps squared only");
    v.field("direction", s.direction, Seed{"L2888-L2896"},
            "Direction; Bi-directional for Instantaneous registers only");
    v.field("tou", s.tou, Seed{"L2902-L2908"}, "Time of Use rate: total or A-H");
    v.field("storage_type", s.storage_type, Seed{"L2909-L2945"}, "Storage Type");
    v.field("units", s.units, Seed{"L2949-L2953"}, "Units (scale) of the displayed value");
    v.field("digits", s.digits, Range{1, 10}, Seed{"L2954-L2961"},
            "# of Digits displayed (an 8-digit display setting overrides it, L2963-L2965)");
    v.field("decimal_point", s.decimal_point, Range{0, 3}, Seed{"L2954-L2961"},
            "Digits right of the decimal point");
    v.field("tlc", s.tlc, Seed{"L2969-L2973"}, "Apply transformer loss compensation");
    v.field("scaling_values", s.scaling_values, Seed{"L2979"},
            "Scaling Values: primary or secondary (the manual shows only a screenshot)");
    v.field("self_read", s.self_read, Seed{"L2985-L3001"},
            "Self Read Register: also recorded at the self read interval");
    // One screen per register at most 50 screens per list; the manual gives no range.
    v.field("screen", s.screen, Range{1, 50}, Seed{"L2733-L2760, L3002-L3008"},
            "Display screen; up to 4 registers share a screen number");
    v.field("description", s.description, MaxLength{21}, Seed{"L3018-L3026"},
            "Description; the automatic one unless custom_description");
    v.field("custom_description", s.custom_description, Seed{"L3020-L3026"},
            "The description replaces the automatic one");
    v.field("coincident_peak_id", s.coincident_peak_id, Range{-1, 249}, Seed{"L17538-L17546"},
            "Coincident registers: ID of the linked Peak register; -1 for other registers");
  }
  bool operator==(const DisplayRegister&) const = default;
};

struct DisplayRegisters {
  std::vector<DisplayRegister> normal;
  std::vector<DisplayRegister> alternate;
  std::vector<DisplayRegister> test;
  // Set on the Timekeeping page (L3942-L3948) but it belongs to the self reads chosen
  // here. Appendix C does not list it; daily is the manual's example (L2997-L3001).
  SelfReadInterval self_read_interval = SelfReadInterval::daily;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("normal", s.normal, Count{0, 50}, Seed{"L2693-L2715"},
           "Normal registers (IDs 0-49), shown on the front panel");
    v.list("alternate", s.alternate, Count{0, 50}, Seed{"L2693-L2715"},
           "Alternate registers (IDs 100-149)");
    v.list("test", s.test, Count{0, 50}, Seed{"L2693-L2715"},
           "Test registers (IDs 200-249), used and cleared in Test Mode only");
    v.field("self_read_interval", s.self_read_interval, Seed{"L2993-L2996, L3942-L3948"},
            "When self read registers are recorded (96 records each, L2997)");
  }
  bool operator==(const DisplayRegisters&) const = default;
};

}  // namespace jemhead::config
