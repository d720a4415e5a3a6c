#pragma once
// How the manual's measurements are named in the head-end's records: the quantity and
// phase texts of InstantaneousValue and LoadProfileChannel, and the unit each value is
// stored in. Names follow the Modbus driver's ("watts", "vars.received", phase "A" ..
// "total"), so the same measurement reads the same whichever protocol brought it.
#include <string>

#include "drivers/protocol/dlms/cosem/object_model.hpp"

namespace jemhead::dlms {

// "A", "B", "C", "total" (polyphase), "average", "N" (neutral), "" (none).
std::string phase_text(cosem::Phase phase);

// An instantaneous register's quantity: "watts", "watts.received", "volts", "amps", ...
// The direction is added unless it is delivered or none, as the Modbus driver does.
std::string instantaneous_quantity_text(const cosem::CosemObject& object);

// A load-profile channel's quantity: "watt_hours_delivered" for a consumption channel,
// "watts_received" for an average, "status_input", "pulse_count", "system_bits", ...
std::string lp_quantity_text(const cosem::CosemObject& object);

// The unit a value of this measurement is stored in, and the power of ten to divide the
// sent value by to get there (3 for Wh -> kWh). For LP channels, which carry no
// scaler_unit, the unit is the measurement's nominal one (object_model.hpp).
struct StoredUnit {
  std::string unit;  // "" for unitless values
  int exponent = 0;
  double apply(double value) const;
};
StoredUnit lp_stored_unit(const cosem::CosemObject& object);

}  // namespace jemhead::dlms
