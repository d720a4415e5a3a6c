#pragma once
// Everything that defines one simulated meter before it starts: its factory identity,
// its service and transformer ratios (part2 §2), the knobs of its load model, and its
// clock. Built from the fleet file (sim/fleet_file.hpp) or generated from a seed.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.hpp"
#include "core/meter.hpp"

namespace jemhead::sim {

struct ModbusSlaveSpec;  // sim/modbus/slave_spec.hpp
struct DlmsServerSpec;   // sim/dlms/server_spec.hpp
struct LoadProfileSpec;  // sim/load_profile/lp_spec.hpp
struct PqdifSpec;        // sim/pqdif/pqdif_spec.hpp
struct WebServerSpec;    // sim/pqdif/pqdif_spec.hpp
struct AlarmSpec;        // sim/alarms/alarm_spec.hpp

// Connection types of the PQ voltage table (part2 §2.3, manual L2635-L2649).
enum class ServiceType {
  four_wire_wye,
  four_wire_wye_2_5_element,
  four_wire_delta,
  three_wire_delta,
  three_wire_open_delta,
  three_wire_network,
  three_wire_wye,
};

// Three-wire services are metered with two elements (phases A and C); four-wire with
// three. Phase B of a two-element meter reads zero.
int element_count(ServiceType s);
// True when the service's default voltage basis is line-to-line (manual L2635-L2649).
bool line_to_line_basis(ServiceType s);

// The five firmware images the meter reports (DLMS 0.x.0.2.1.255, manual L14108-L14124).
struct FirmwareVersions {
  std::string register_fw = "6.6.0";
  std::string metrology = "5.6.0";
  std::string service = "6.6.0";
  std::string pq = "2.1.0";
  std::string fpga = "1.4.0";
  // "6.6.0/5.6.0": the register/metrology pair the manual prints (L2097-L2099).
  std::string summary() const { return register_fw + "/" + metrology; }
};

struct MeterSpec {
  // Identity.
  std::string serial;
  std::string model;  // empty = derived from form, class and frequency (see default_model)
  bool mid = false;
  FirmwareVersions firmware;
  std::vector<std::string> options;
  std::array<IdentificationField, kIdentificationFields> identification = default_identification();

  // Primary configuration (part2 §2.1-2.2). Voltages and currents are secondary values at
  // the meter's terminals; primary = secondary x ratio.
  ServiceType service = ServiceType::four_wire_wye;
  double nominal_voltage = 120.0;  // V secondary (line-to-line for L-L services)
  double nominal_current = 5.0;    // A secondary
  double class_amps = 20.0;        // meter class current: the model never exceeds it
  double pt_ratio = 1.0;
  double ct_ratio = 1.0;
  int frequency = 60;  // Hz, 50 or 60

  // Load model. Negative = derive from the seed.
  std::uint64_t seed = 0;
  double load_level = -1;             // daily peak current as a fraction of nominal current
  double generation = -1;             // PV peak as a fraction of nominal power per element
  double power_factor_angle = -1000;  // base load angle in degrees (+ lagging)

  // Clock.
  double time_factor = 1.0;  // simulated seconds per real second
  double clock_drift_ppm = 0.0;
  // Energy integration step in simulated seconds (1..60, dividing 3600): 1 is exact to
  // the model's resolution; 10 or 60 keep very high time factors cheap.
  int integration_step = 1;

  // The Modbus slave (sim/modbus/); null = no Modbus, as the meter ships (Appendix C).
  std::shared_ptr<const ModbusSlaveSpec> modbus;
  // The DLMS server (sim/dlms/); null = none.
  std::shared_ptr<const DlmsServerSpec> dlms;
  // The two load profiles and their simulated events; null = the defaults (lp_spec.hpp).
  std::shared_ptr<const LoadProfileSpec> load_profile;
  // The PQ recorder and its PQDIF files (sim/pqdif/); null = none.
  std::shared_ptr<const PqdifSpec> pqdif;
  // The meter's web server (HTTP /pqdif); null = none.
  std::shared_ptr<const WebServerSpec> web;
  // Web and e-mail alarm notification (sim/alarms/); null = none.
  std::shared_ptr<const AlarmSpec> alarms;

  double transformer_factor() const { return pt_ratio * ct_ratio; }
  std::string meter_form() const;  // ANSI form, e.g. "9S" for a 4-wire wye
  std::string default_model() const;
  std::string effective_model() const { return model.empty() ? default_model() : model; }
};

// Fills the identification values that are still empty: "Meter ID" and "MV 90 Meter ID"
// default to the serial, so a head-end can match on either.
void fill_default_identification(MeterSpec& spec);

}  // namespace jemhead::sim

namespace jemhead {
template <>
struct EnumText<sim::ServiceType> {
  static constexpr std::array<std::pair<sim::ServiceType, std::string_view>, 7> names{{
      {sim::ServiceType::four_wire_wye, "4-wire-wye"},
      {sim::ServiceType::four_wire_wye_2_5_element, "4-wire-wye-2.5-element"},
      {sim::ServiceType::four_wire_delta, "4-wire-delta"},
      {sim::ServiceType::three_wire_delta, "3-wire-delta"},
      {sim::ServiceType::three_wire_open_delta, "3-wire-open-delta"},
      {sim::ServiceType::three_wire_network, "3-wire-network"},
      {sim::ServiceType::three_wire_wye, "3-wire-wye"},
  }};
};
}  // namespace jemhead
