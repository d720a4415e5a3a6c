#pragma once
// What the meter IS rather than how it is set: standard (ANSI/IEC), firmware, the options
// of its model code and MID. It is not a page of the manual's configuration; it is part of
// the document because the manual gates settings on it (option and firmware notes
// throughout part 2 and 3, MID in L380-L452) and the validator must know it. A push never
// writes it; a read-back from the meter (identity) fills it.
#include <array>
#include <optional>
#include <string>

#include "core/config/field_visitor.hpp"
#include "core/config/meter_hardware_enums.hpp"

namespace jemhead::config {

struct MeterOptions {
  bool pq1 = false;  // L2080
  bool pq2 = false;  // power-quality registers, harmonics (L3209)
  bool pq3 = false;
  bool measurement_log = false;    // ML (L3577)
  bool dual_load_profile = false;  // profile 2 (L3312)
  bool digital_io = false;         // DIO: digital I/O, clock pulse, DO actions (L4651)
  bool dual_ethernet = false;      // port 7 (L5874-L5886)
  bool ntp = false;                // L4170
  bool analog_outputs = false;     // ANSI only (L4467-L4514)
  bool internal_modem = false;     // port 5 (L5272-L5309)
  bool cell_modem = false;         // ANSI only (L5597-L5695)

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("pq1", s.pq1, Seed{"L2080"}, "Option PQ1");
    v.field("pq2", s.pq2, Seed{"L3209"}, "Option PQ2 (PQ registers, harmonics)");
    v.field("pq3", s.pq3, Seed{"L3209"}, "Option PQ3 (PQ registers, harmonics)");
    v.field("measurement_log", s.measurement_log, Seed{"L3577"}, "Option ML (measurement log)");
    v.field("dual_load_profile", s.dual_load_profile, Seed{"L3312"},
            "Dual LP option (load profile 2)");
    v.field("digital_io", s.digital_io, Seed{"L4651"}, "DIO option (digital inputs and outputs)");
    v.field("dual_ethernet", s.dual_ethernet, Seed{"L5874-L5886"}, "Dual Ethernet option (port 7)");
    v.field("ntp", s.ntp, Seed{"L4170"}, "NTP time synchronisation option");
    v.field("analog_outputs", s.analog_outputs, Seed{"L4467-L4514"},
            "Analog outputs (ANSI meters only)");
    v.field("internal_modem", s.internal_modem, Seed{"L5272-L5309"},
            "Internal analog modem (port 5)");
    v.field("cell_modem", s.cell_modem, Seed{"L5597-L5695"},
            "Internal cell modem (ANSI meters only)");
  }
  bool operator==(const MeterOptions&) const = default;
};

struct MeterHardware {
  MeterStandard standard = MeterStandard::ansi;
  // "5.5.2"; empty when unknown, and then no firmware gate is applied (the read-back fills
  // it in before a push).
  std::string firmware_version;
  std::string model_number;
  bool mid = false;  // the MID option in the model code (L2326)
  MeterOptions options;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("standard", s.standard, "ANSI or IEC meter");
    v.field("firmware_version", s.firmware_version, MaxLength{24}, Seed{"L1440, L5316"},
            "Register firmware version, e.g. 5.5.2; empty when unknown");
    v.field("model_number", s.model_number, MaxLength{64}, Seed{"L2145-L2147"},
            "Model number (ordering code) as the meter reports it");
    v.field("mid", s.mid, Seed{"L380-L452, L2320-L2431"},
            "MID meter: sections that reset billing data are locked");
    v.section("options", s.options, Seed{"L1339"}, "Options of the model code");
  }
  bool operator==(const MeterHardware&) const = default;
};

// Firmware as numbers, {5, 5, 2}; nullopt when empty or not "digits(.digits)*".
std::optional<std::array<int, 3>> firmware_numbers(const MeterHardware& hw);

// The manual's firmware notes name two release lines, "5.5.2/6.5.2" (L1440, L5316, L5693,
// L8025): a feature needs at least x.5.2 on its own major line (5 or 6), any later major
// has it, earlier majors do not. nullopt when the firmware is unknown.
std::optional<bool> firmware_has_5_5_2_features(const MeterHardware& hw);

}  // namespace jemhead::config
