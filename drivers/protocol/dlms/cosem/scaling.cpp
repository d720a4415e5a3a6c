#include "drivers/protocol/dlms/cosem/scaling.hpp"

#include "drivers/protocol/dlms/axdr/walk.hpp"

namespace jemhead::dlms::cosem {
namespace {

// 10^n exactly for the exponents a scaler can reach (|n| <= 130): doubles hold 10^0..10^22
// exactly; beyond that the product is still the closest double the loop can give.
double power_of_ten(int n) {
  double p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

double shift(double value, int exponent) {
  return exponent >= 0 ? value * power_of_ten(exponent) : value / power_of_ten(-exponent);
}

}  // namespace

ScalerUnit decode_scaler_unit(const axdr::Data& attribute3) {
  const auto [scaler, unit] =
      axdr::unpack<axdr::DataType::integer, axdr::DataType::enum_>(attribute3, "scaler_unit");
  return {scaler, unit};
}

const ScalingOverride* ScalingPolicy::find(const Obis& object) const {
  if (const auto it = per_object_.find(object); it != per_object_.end()) return &it->second;
  return all_ ? &*all_ : nullptr;
}

ScalerUnit ScalingPolicy::effective(const Obis& object, ScalerUnit reported) const {
  const auto* override = find(object);
  if (!override) return reported;
  if (override->scaler) reported.scaler = *override->scaler;
  if (override->unit) reported.unit_code = static_cast<std::uint8_t>(*override->unit);
  return reported;
}

ScaledValue apply_scaler_unit(double raw, ScalerUnit scaler_unit) {
  ScaledValue out;
  out.applied = scaler_unit;
  const auto unit = unit_from_code(scaler_unit.unit_code);
  const UnitInfo* info = unit ? unit_info(*unit) : nullptr;
  out.known_unit = info != nullptr;
  const int stored_exponent = info ? info->stored_exponent : 0;
  out.value = shift(raw, scaler_unit.scaler - stored_exponent);
  if (info) out.unit = std::string(info->stored);
  return out;
}

ScaledValue apply_scaler_unit(const Obis& object, double raw, ScalerUnit reported,
                              const ScalingPolicy& policy) {
  const ScalerUnit effective = policy.effective(object, reported);
  ScaledValue out = apply_scaler_unit(raw, effective);
  out.overridden = policy.find(object) != nullptr;
  return out;
}

}  // namespace jemhead::dlms::cosem
