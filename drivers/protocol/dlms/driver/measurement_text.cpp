#include "drivers/protocol/dlms/driver/measurement_text.hpp"

#include "core/enum_text.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"

namespace jemhead::dlms {

namespace {

using cosem::Kind;
using cosem::Quantity;

// Consumption channels (D=29) integrate over the interval: named as energies, so a Wh
// channel is not mistaken for the watts average of the same quantity.
std::string consumption_text(Quantity quantity) {
  switch (quantity) {
    case Quantity::active: return "watt_hours";
    case Quantity::reactive: return "var_hours";
    case Quantity::apparent_arithmetic: return "va_hours_arithmetic";
    case Quantity::apparent_vectorial: return "va_hours_vector";
    case Quantity::amps: return "amp_hours";
    case Quantity::q: return "q_hours";
    case Quantity::amps_squared: return "amps_squared_hours";
    case Quantity::volts_squared_ln: return "volts_squared_hours";
    default: return std::string(jemhead::to_text(quantity)) + "_hours";
  }
}

}  // namespace

std::string phase_text(cosem::Phase phase) {
  switch (phase) {
    case cosem::Phase::a: return "A";
    case cosem::Phase::b: return "B";
    case cosem::Phase::c: return "C";
    case cosem::Phase::polyphase: return "total";
    case cosem::Phase::average: return "average";
    case cosem::Phase::neutral: return "N";
    case cosem::Phase::none: return "";
  }
  return "";
}

std::string instantaneous_quantity_text(const cosem::CosemObject& object) {
  std::string text(jemhead::to_text(object.quantity));
  if (object.direction != cosem::Direction::none &&
      object.direction != cosem::Direction::delivered) {
    text += '.';
    text += jemhead::to_text(object.direction);
  }
  return text;
}

std::string lp_quantity_text(const cosem::CosemObject& object) {
  std::string text;
  switch (object.kind) {
    case Kind::status_input: return "status_input";
    case Kind::pulse_count: return "pulse_count";
    case Kind::interval_consumption: text = consumption_text(object.quantity); break;
    default: text = std::string(jemhead::to_text(object.quantity)); break;
  }
  if (object.direction != cosem::Direction::none) {
    text += '_';
    text += jemhead::to_text(object.direction);
  }
  return text;
}

double StoredUnit::apply(double value) const {
  // Divide rather than multiply by 10^-n: 1234 Wh is exactly 1.234 kWh.
  double divisor = 1;
  for (int i = 0; i < exponent; ++i) divisor *= 10;
  return value / divisor;
}

StoredUnit lp_stored_unit(const cosem::CosemObject& object) {
  const auto unit = cosem::nominal_unit(object.quantity, object.kind);
  if (!unit) return {};
  const auto* info = cosem::unit_info(*unit);
  if (info == nullptr) return {};
  return {std::string(info->stored), info->stored_exponent};
}

}  // namespace jemhead::dlms
