// PRIMARY CONFIGURATION: field limits and the cross-field rules (form -> connection type,
// PQ voltage basis, nominal current within class, ascending current segments).
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/primary_rules.hpp"

namespace jemhead::config::test {
namespace {

std::vector<CurrentSegment> ascending_segments(int n) {
  std::vector<CurrentSegment> out;
  for (int i = 1; i <= n; ++i) out.push_back({static_cast<double>(i), 0.01 * i, -0.01 * i});
  return out;
}

TEST(ConfigPrimary, FactoryDefaultsFromAppendixC) {
  const PrimaryConfiguration p;
  EXPECT_EQ(p.form, MeterForm::f9);
  EXPECT_EQ(p.class_amps, 20);
  EXPECT_EQ(p.connection_type, ConnectionType::four_wire_wye);
  EXPECT_EQ(p.frequency_hz, 60);
  EXPECT_EQ(p.vt_primary, 1.0);
  EXPECT_EQ(p.ct_secondary, 1.0);
  EXPECT_EQ(p.nominal_voltage_secondary, 120.0);
  EXPECT_EQ(p.nominal_current_secondary, 0.0);
  EXPECT_EQ(p.measurement_units.amps, UnitScale::milli);
  EXPECT_EQ(p.measurement_units.volts_squared, UnitScale::kilo);
  EXPECT_EQ(p.measurement_units.watts_va, UnitScale::units);
}

TEST(ConfigPrimary, ValidationTableFieldLimits) {
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"50 Hz, class 10",
       [](MeterConfiguration& c) {
         c.primary.frequency_hz = 50;
         c.primary.class_amps = 10;
       },
       {}},
      {"class 15",
       [](MeterConfiguration& c) { c.primary.class_amps = 15; },
       {{"primary.class_amps", "enum", "L2497-L2506, L13428"}}},
      {"55 Hz",
       [](MeterConfiguration& c) { c.primary.frequency_hz = 55; },
       {{"primary.frequency_hz", "enum", "L2514-L2516, L13434"}}},
      {"VT primary 0",
       [](MeterConfiguration& c) { c.primary.vt_primary = 0; },
       {{"primary.vt_primary", "range", "L2532-L2534, L13440"}}},
      {"CT primary negative",
       [](MeterConfiguration& c) { c.primary.ct_primary = -5; },
       {{"primary.ct_primary", "range", "L2536, L13446"}}},
      {"nominal voltage 60",
       [](MeterConfiguration& c) { c.primary.nominal_voltage_secondary = 60; },
       {{"primary.nominal_voltage_secondary", "range", "L2540-L2548, L13430, L13454"}}},
      {"nominal current -1",
       [](MeterConfiguration& c) { c.primary.nominal_current_secondary = -1; },
       {{"primary.nominal_current_secondary", "range", "L2540-L2546, L13456"}}},
      {"gain limits exactly",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_a.voltage = {10.0, -5.0};
         c.primary.gain_correction.phase_b.voltage = {-10.0, 5.0};
         c.primary.gain_correction.phase_c.voltage = {9.99, 0.01};
       },
       {}},
      {"voltage magnitude 10.01",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_b.voltage.magnitude_pct = 10.01;
       },
       {{"primary.gain_correction.phase_b.voltage.magnitude_pct", "range", "L2663-L2664"}}},
      {"voltage magnitude off the 0.01 step",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_a.voltage.magnitude_pct = 1.005;
       },
       {{"primary.gain_correction.phase_a.voltage.magnitude_pct", "step", "L2663-L2664"}}},
      {"voltage angle -5.5",
       [](MeterConfiguration& c) { c.primary.gain_correction.phase_c.voltage.angle_deg = -5.5; },
       {{"primary.gain_correction.phase_c.voltage.angle_deg", "range", "L2665-L2666"}}},
      {"8 current segments",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_a.current_segments = ascending_segments(8);
       },
       {}},
      {"9 current segments",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_a.current_segments = ascending_segments(9);
       },
       {{"primary.gain_correction.phase_a.current_segments", "count", "L2654, L2660-L2661"}}},
      {"segment angle 5.001",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_c.current_segments = ascending_segments(3);
         c.primary.gain_correction.phase_c.current_segments[2].angle_deg = 5.001;
       },
       {{"primary.gain_correction.phase_c.current_segments[2].angle_deg", "range", "L2665-L2666"},
        {"primary.gain_correction.phase_c.current_segments[2].angle_deg", "step", "L2665-L2666"}}},
  });
}

TEST(ConfigPrimary, ValidationTableCrossFieldRules) {
  run_cases({
      {"form 5, 3-wire delta, L-L",
       [](MeterConfiguration& c) {
         c.primary.form = MeterForm::f5;
         c.primary.connection_type = ConnectionType::three_wire_delta;
         c.primary.pq_voltage_measurement = VoltageBasis::line_line;
       },
       {}},
      {"form 5, 3-wire network, L-N",
       [](MeterConfiguration& c) {
         c.primary.form = MeterForm::f5;
         c.primary.connection_type = ConnectionType::three_wire_network;
       },
       {}},
      {"4-wire wye changed to L-L",
       [](MeterConfiguration& c) { c.primary.pq_voltage_measurement = VoltageBasis::line_line; },
       {}},
      {"form 6, 2 1/2 element",
       [](MeterConfiguration& c) {
         c.primary.form = MeterForm::f6;
         c.primary.connection_type = ConnectionType::four_wire_wye_2_5_element;
       },
       {}},
      {"form 5 with 4-wire wye",
       [](MeterConfiguration& c) { c.primary.form = MeterForm::f5; },
       {{"primary.connection_type", "connection_type_for_form", "L2508-L2512, L6926-L6931"}}},
      {"form 9 with 3-wire delta (L-L)",
       [](MeterConfiguration& c) {
         c.primary.connection_type = ConnectionType::three_wire_delta;
         c.primary.pq_voltage_measurement = VoltageBasis::line_line;
       },
       {{"primary.connection_type", "connection_type_for_form", "L2508-L2512, L6926-L6931"}}},
      {"3-wire delta measured L-N",
       [](MeterConfiguration& c) {
         c.primary.form = MeterForm::f5;
         c.primary.connection_type = ConnectionType::three_wire_open_delta;
       },
       {{"primary.pq_voltage_measurement", "pq_voltage_basis", "L2563-L2575, L2635-L2649"}}},
      {"nominal current equal to class",
       [](MeterConfiguration& c) { c.primary.nominal_current_secondary = 20; },
       {}},
      {"nominal current above class",
       [](MeterConfiguration& c) {
         c.primary.class_amps = 10;
         c.primary.nominal_current_secondary = 15;
       },
       {{"primary.nominal_current_secondary", "nominal_current_within_class",
         "L2540-L2546, L17534-L17536"}}},
      {"current segments not ascending",
       [](MeterConfiguration& c) {
         c.primary.gain_correction.phase_b.current_segments = ascending_segments(3);
         c.primary.gain_correction.phase_b.current_segments[2].up_to_amps = 2.0;
       },
       {{"primary.gain_correction.phase_b.current_segments[2].up_to_amps",
         "current_segments_ascending", "L2660-L2661"}}},
      {"connection type outside the enumeration",
       [](MeterConfiguration& c) { c.primary.connection_type = static_cast<ConnectionType>(99); },
       {{"primary.connection_type", "enum", "L2508-L2512, L13432"},
        {"primary.connection_type", "connection_type_for_form", "L2508-L2512, L6926-L6931"}}},
  });
}

TEST(ConfigPrimary, EveryFormOffersConnectionTypesWithTheirBasis) {
  for (auto form : {MeterForm::f5, MeterForm::f6, MeterForm::f8, MeterForm::f9, MeterForm::f36,
                    MeterForm::f45}) {
    const auto types = connection_types_for(form);
    ASSERT_FALSE(types.empty()) << to_text(form);
    for (auto t : types) {
      MeterConfiguration c;
      c.primary.form = form;
      c.primary.connection_type = t;
      c.primary.pq_voltage_measurement = default_voltage_basis(t);
      EXPECT_TRUE(validate(c).empty()) << to_text(form) << " " << to_text(t);
    }
  }
  EXPECT_EQ(default_voltage_basis(ConnectionType::three_wire_network), VoltageBasis::line_neutral);
  EXPECT_EQ(default_voltage_basis(ConnectionType::three_wire_wye), VoltageBasis::line_line);
}

}  // namespace
}  // namespace jemhead::config::test
