#pragma once
// PRIMARY CONFIGURATION (manual L2477-L2684): meter identity (form, class, frequency:
// factory set, L2497-L2521), PT/CT ratios, nominal secondary values, PQ voltage basis,
// measurement units and transformer gain correction. Factory defaults: appendix C
// (L13422-L13472). Transformer factor and full-scale watts are derived, never stored
// (primary_derived.hpp).
#include "core/config/field_visitor.hpp"
#include "core/config/gain_correction.hpp"
#include "core/config/primary_enums.hpp"

namespace jemhead::config {

// Register Scaling (L2601-L2609; defaults L13462-L13472).
struct MeasurementUnits {
  UnitScale vars_q = UnitScale::units;
  UnitScale watts_va = UnitScale::units;
  UnitScale amps = UnitScale::milli;
  UnitScale volts = UnitScale::units;
  UnitScale volts_squared = UnitScale::kilo;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("vars_q", s.vars_q, Seed{"L13464"}, "Scaling of VARs and Q");
    v.field("watts_va", s.watts_va, Seed{"L13466"}, "Scaling of Watts and VA");
    v.field("amps", s.amps, Seed{"L13468"}, "Scaling of Amps and A squared");
    v.field("volts", s.volts, Seed{"L13470"}, "Scaling of Volts");
    v.field("volts_squared", s.volts_squared, Seed{"L13472"}, "Scaling of V squared");
  }
  bool operator==(const MeasurementUnits&) const = default;
};

struct PrimaryConfiguration {
  MeterForm form = MeterForm::f9;
  int class_amps = 20;
  VoltageRange voltage_range = VoltageRange::v69_480;
  ConnectionType connection_type = ConnectionType::four_wire_wye;
  int frequency_hz = 60;
  double vt_primary = 1.0;
  double vt_secondary = 1.0;
  double ct_primary = 1.0;
  double ct_secondary = 1.0;
  double nominal_voltage_secondary = 120.0;
  double nominal_current_secondary = 0.0;
  VoltageBasis pq_voltage_measurement = VoltageBasis::line_neutral;
  MeasurementUnits measurement_units;
  GainCorrection gain_correction;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("form", s.form, Seed{"L2497-L2506, L13426"}, "Meter Form (factory set)");
    // Class list is a screenshot; 2, 10 and 20 A are the JEMStar classes (20 is the
    // appendix C default). Chosen here, the manual does not list them.
    v.field("class_amps", s.class_amps, Allowed{{2, 10, 20}}, Seed{"L2497-L2506, L13428"},
            "Meter Class Amps (factory set)");
    v.field("voltage_range", s.voltage_range, Seed{"L13430"}, "Voltage range (factory set)");
    v.field("connection_type", s.connection_type, Seed{"L2508-L2512, L13432"},
            "Connection Type; the allowed list depends on the form");
    v.field("frequency_hz", s.frequency_hz, Allowed{{50, 60}}, Seed{"L2514-L2516, L13434"},
            "Frequency (factory set)");
    // PT/CT limits are not in the manual: any positive value up to 1,000,000 keeps the
    // ratios defined (0 would divide by zero) and covers transmission-level primaries.
    v.field("vt_primary", s.vt_primary, Range{0.01, 1'000'000.0}, Seed{"L2532-L2534, L13440"},
            "VT (PT) primary volts");
    v.field("vt_secondary", s.vt_secondary, Range{0.01, 1'000'000.0}, Seed{"L2532-L2534, L13442"},
            "VT (PT) secondary volts");
    v.field("ct_primary", s.ct_primary, Range{0.01, 1'000'000.0}, Seed{"L2536, L13446"},
            "CT primary amps");
    v.field("ct_secondary", s.ct_secondary, Range{0.01, 1'000'000.0}, Seed{"L2536, L13448"},
            "CT secondary amps");
    // The pull-down values are a screenshot; the range is the meter's voltage range.
    v.field("nominal_voltage_secondary", s.nominal_voltage_secondary, Range{69.0, 480.0},
            Seed{"L2540-L2548, L13430, L13454"},
            "Nominal voltage secondary; baseline for alarm trigger thresholds");
    // 0 is the appendix C default (L13456); at most the largest class (rule
    // nominal_current_within_class ties it to this meter's class).
    v.field("nominal_current_secondary", s.nominal_current_secondary, Range{0.0, 20.0},
            Seed{"L2540-L2546, L13456"}, "Nominal current secondary, amps");
    v.field("pq_voltage_measurement", s.pq_voltage_measurement, Seed{"L2561-L2575"},
            "PQ voltage measurement basis (L-N may become L-L, never the reverse)");
    v.section("measurement_units", s.measurement_units, Seed{"L2601-L2609"},
              "Measurement Units for meter outputs (AO, DO, alarms, load profile)");
    v.section("gain_correction", s.gain_correction, Seed{"L2630-L2684"},
              "Transformer gain correction (per meter)");
  }
  bool operator==(const PrimaryConfiguration&) const = default;
};

}  // namespace jemhead::config
