#pragma once
// The Modbus driver's PointMap built from the meter's configuration document (issue 8:
// "the meter's point maps ... used by the drivers come from this configuration").
//
// The two models describe the same JEMWare screens (PROTOCOL SETUP, MODBUS Slave,
// L5895-L6131; appendix B) with different spellings; every difference is converted
// explicitly in the .cpp:
//  - counter scale_factor: both are the multiplier the meter applies (count = display value
//    x factor). The configuration reads appendix C's "0.001 scaling" as factor 1000 (one
//    count = 0.001 display unit), the only reading the manual's range "1 to 1,000"
//    (L6029-L6031, L13165-L13167) allows; the value is copied, not inverted.
//  - analog quantities: va_vectorial -> va_vector, pf_* -> power_factor_*, volts_thd ->
//    volt_thd ...; quantities the manual's 16-bit range table (L13280-L13322) has no row
//    for cannot be decoded without a full scale, which the configuration does not hold:
//    those points are left out and listed in `omitted`.
//  - direction "none" (volts, amps, frequency) -> delivered (the driver has no "none"; the
//    direction only matters for the power quantities).
//  - binary inputs: the configuration's *_status sources -> meter_status + MeterStatus;
//    polarity active_high (the manual does not say, part6 Q15).
//  - pt_ratio / ct_ratio: the primary section's VT and CT ratios (primary_derived.hpp).
//  - names: the configuration has none; they are generated ("Normal register 3",
//    "Watts Phase A", "Ch3", "Trigger Ch 1") and units are left to the driver's defaults.
#include <string>
#include <vector>

#include "core/config/meter_configuration.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

struct ConfiguredPointMap {
  PointMap map;
  // Points of the configuration the driver cannot read, each "analogs/<point>: why".
  std::vector<std::string> omitted;
};

ConfiguredPointMap convert_configured_map(const config::MeterConfiguration& c);
PointMap point_map_from_configuration(const config::MeterConfiguration& c);

// The single conversions, exposed for tests. nullopt: no counterpart in the driver.
std::optional<AnalogQuantity> driver_quantity(config::AnalogQuantity q);
Phase driver_phase(config::AnalogPhase p);
Direction driver_direction(config::AnalogDirection d);
struct DriverDiscreteSource {
  DiscreteSource source;
  std::optional<MeterStatus> status;
};
DriverDiscreteSource driver_discrete_source(config::BinaryInputSource s);

}  // namespace jemhead::modbus
