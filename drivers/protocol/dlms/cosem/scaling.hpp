#pragma once
// Scaler/unit application for Register (IC3) values: value × 10^scaler in the reported
// unit, then converted to the unit jemhead stores (units.hpp: kWh, kW, V ...).
//
// The manual contradicts itself here: "scaled by 1000 to provide resolution to three
// decimal points" (L14672-L14674) yet the register example reports scaler_unit 0
// (L14809), where a ×1000 integer would need scaler -3. jemhead follows the scaler the
// meter reports; a meter whose firmware sends ×1000 integers with scaler 0 gets a
// per-meter override (ScalingPolicy: scaler -3 for all registers or for some OBIS codes).
// The value stored records which scaler was applied and whether it was overridden.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"

namespace jemhead::dlms::cosem {

// Register attribute 3 as received: the unit stays a raw code so an unknown one survives.
struct ScalerUnit {
  std::int8_t scaler = 0;
  std::uint8_t unit_code = static_cast<std::uint8_t>(Unit::count);
  bool operator==(const ScalerUnit&) const = default;
};

// structure{integer scaler, enum unit}; axdr::TypeMismatch / ShapeError otherwise.
ScalerUnit decode_scaler_unit(const axdr::Data& attribute3);

// What a meter's configuration replaces; an empty member keeps the reported value.
struct ScalingOverride {
  std::optional<std::int8_t> scaler;
  std::optional<Unit> unit;
  bool operator==(const ScalingOverride&) const = default;
};

// The per-meter override hook: one override for every register of the meter and/or one
// per OBIS code (the per-code one wins). Empty = follow the meter.
class ScalingPolicy {
 public:
  void set_all(ScalingOverride override) { all_ = override; }
  void set(const Obis& object, ScalingOverride override) { per_object_[object] = override; }
  bool empty() const { return !all_ && per_object_.empty(); }

  const ScalingOverride* find(const Obis& object) const;
  ScalerUnit effective(const Obis& object, ScalerUnit reported) const;

 private:
  std::optional<ScalingOverride> all_;
  std::map<Obis, ScalingOverride> per_object_;
};

struct ScaledValue {
  double value = 0;        // in `unit`
  std::string unit;        // stored unit ("kWh"); empty for unitless or an unknown code
  ScalerUnit applied;      // the scaler and unit actually used
  bool known_unit = true;  // false: applied.unit_code is not in kUnits, value is unconverted
  bool overridden = false;
};

// raw × 10^scaler, converted to the stored unit (×10^-3 for W, Wh, var ...). Exact
// powers of ten divide rather than multiply so 1234 with scaler -3 gives exactly 1.234.
ScaledValue apply_scaler_unit(double raw, ScalerUnit scaler_unit);

// The same after the meter's policy has had its say.
ScaledValue apply_scaler_unit(const Obis& object, double raw, ScalerUnit reported,
                              const ScalingPolicy& policy);

}  // namespace jemhead::dlms::cosem
