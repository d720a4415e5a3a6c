#include "core/config/primary_derived.hpp"

#include <cmath>

namespace jemhead::config {

double vt_ratio(const PrimaryConfiguration& p) {
  return p.vt_primary / p.vt_secondary;
}
double ct_ratio(const PrimaryConfiguration& p) {
  return p.ct_primary / p.ct_secondary;
}

// "The Transformer factor is a read-only calculation derived by multiplying the VT and CT
// ratio" (L2536-L2538).
double transformer_factor(const PrimaryConfiguration& p) {
  return vt_ratio(p) * ct_ratio(p);
}

// The formula is a tooltip missing from the text (L2550-L2556). The worked example
// "3Ph4W meter with 5A @120V inputs 1,800 watts full scale" (L4379) gives
// 3 x Vnom x Inom for four-wire services, where the nominal voltage is line-neutral. For a
// three-wire network two line-neutral phases are metered: 2 x Vnom x Inom. Where the basis
// is line-line (3-wire delta, open delta, ungrounded wye; L2635-L2649) the balanced
// three-phase power at unity power factor is sqrt(3) x Vll x I: our choice, the manual is
// silent on how those forms count.
double full_scale_factor(ConnectionType c) {
  switch (c) {
    case ConnectionType::four_wire_wye:
    case ConnectionType::four_wire_wye_2_5_element:
    case ConnectionType::four_wire_delta: return 3.0;
    case ConnectionType::three_wire_network: return 2.0;
    case ConnectionType::three_wire_delta:
    case ConnectionType::three_wire_open_delta:
    case ConnectionType::three_wire_wye: return std::sqrt(3.0);
  }
  return 3.0;
}

// Uses Nominal Voltage Secondary and Current Secondary (L2544-L2546). The glossary's
// "class current" wording (L17626-L17630) conflicts; the configuration screen's own note
// is followed because appendix C's Full Scale Watts 0 (L13458) only follows from the
// nominal current 0 (L13456), not from class 20.
double full_scale_watts_secondary(const PrimaryConfiguration& p) {
  return full_scale_factor(p.connection_type) * p.nominal_voltage_secondary *
         p.nominal_current_secondary;
}

// "2,700 kilowatt primary and 1,800 watt secondary" (L4405-L4407): primary = secondary x
// transformer factor.
double full_scale_watts_primary(const PrimaryConfiguration& p) {
  return full_scale_watts_secondary(p) * transformer_factor(p);
}

}  // namespace jemhead::config
