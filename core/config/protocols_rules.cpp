#include "core/config/protocols_rules.hpp"

#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

bool analog_type_in_category(AnalogCategory c, AnalogMeasurementType t) {
  using T = AnalogMeasurementType;
  switch (c) {
    case AnalogCategory::metering: return t == T::instantaneous || t == T::integrated;
    case AnalogCategory::power_quality:
      return t == T::harmonic || t == T::interharmonic || t == T::flicker;
    case AnalogCategory::fault:
      return t == T::negative_sequence || t == T::positive_sequence || t == T::zero_sequence;
  }
  return false;
}

bool analog_quantity_in_type(AnalogMeasurementType t, AnalogQuantity q) {
  using Q = AnalogQuantity;
  const auto in = [q](Q first, Q last) { return q >= first && q <= last; };
  switch (t) {
    case AnalogMeasurementType::instantaneous: return in(Q::volts, Q::amps_imbalance);
    case AnalogMeasurementType::integrated: return in(Q::watt_hours, Q::volts_squared_hours);
    case AnalogMeasurementType::harmonic:
      // Appendix A/B's power-quality list: harmonics, THD, imbalance, TDD, crest factor.
      return in(Q::volts_harmonic_magnitude, Q::crest_factor) || q == Q::volts_thd ||
             q == Q::amps_thd || q == Q::volts_imbalance || q == Q::amps_imbalance;
    case AnalogMeasurementType::interharmonic:
      return q == Q::volts_interharmonic_magnitude || q == Q::amps_interharmonic_magnitude;
    case AnalogMeasurementType::flicker: return in(Q::pst, Q::pinst);
    case AnalogMeasurementType::positive_sequence:
      return in(Q::volts_sequence_magnitude, Q::amps_sequence_angle);
    case AnalogMeasurementType::negative_sequence:
    case AnalogMeasurementType::zero_sequence:
      // Sequence ratios exist for negative and zero sequence only (L12292-L12297).
      return in(Q::volts_sequence_magnitude, Q::amps_sequence_ratio);
  }
  return false;
}

namespace {

template <class T>
void check_unique_points(const std::vector<T>& list, const std::string& path, Problems& out) {
  std::set<int> seen;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (!seen.insert(list[i].point).second) {
      std::string msg = "point ";
      msg += std::to_string(list[i].point);
      msg += " is listed twice";
      report(out, kProtocolPointNumbersUnique, child_path(item_path(path, i), "point"),
             std::move(msg));
    }
}

void check_counters(const std::vector<CounterPoint>& list, const std::string& path, Problems& out) {
  check_unique_points(list, path, out);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& p = list[i];
    const int lo = p.register_set == RegisterSet::normal ? 0 : 100;
    if (p.register_id < lo || p.register_id > lo + 49) {
      std::string msg(to_text(p.register_set));
      msg += " register IDs are ";
      msg += std::to_string(lo);
      msg += '-';
      msg += std::to_string(lo + 49);
      report(out, kCounterRegisterIdForSet, child_path(item_path(path, i), "register_id"),
             std::move(msg));
    }
  }
}

void check_measurement(const AnalogMeasurement& m, const std::string& path, Problems& out) {
  using Q = AnalogQuantity;
  if (!analog_type_in_category(m.category, m.measurement_type)) {
    std::string msg(to_text(m.category));
    msg += " has no measurement type ";
    msg += to_text(m.measurement_type);
    report(out, kAnalogPointTypeForCategory, child_path(path, "measurement_type"), std::move(msg));
  } else if (!analog_quantity_in_type(m.measurement_type, m.quantity)) {
    std::string msg(to_text(m.measurement_type));
    msg += " has no quantity ";
    msg += to_text(m.quantity);
    report(out, kAnalogPointQuantityForType, child_path(path, "quantity"), std::move(msg));
  }
  if (m.phase == AnalogPhase::neutral && m.quantity != Q::amps)
    report(out, kAnalogPointPhaseForQuantity, child_path(path, "phase"),
           "phase neutral is for Amps only");
  int lo = 0;
  int hi = 0;
  if (m.quantity >= Q::volts_harmonic_magnitude && m.quantity <= Q::amps_harmonic_angle) {
    lo = 2;
    hi = 64;
  } else if (m.quantity == Q::volts_interharmonic_magnitude ||
             m.quantity == Q::amps_interharmonic_magnitude) {
    lo = 2;
    hi = 50;
  }
  if (m.harmonic_number < lo || m.harmonic_number > hi) {
    std::string msg;
    if (hi == 0) {
      msg = "only individual harmonics take a harmonic number; use 0";
    } else {
      msg = "harmonic number ";
      msg += std::to_string(lo);
      msg += '-';
      msg += std::to_string(hi);
    }
    report(out, kAnalogPointHarmonicNumber, child_path(path, "harmonic_number"), std::move(msg));
  }
  const bool quadrant = m.direction >= AnalogDirection::q1 && m.direction <= AnalogDirection::q4;
  if (quadrant && m.quantity != Q::vars && m.quantity != Q::var_hours)
    report(out, kAnalogPointDirectionForQuantity, child_path(path, "direction"),
           "Q1-Q4 are for VARs only");
}

template <class T>
void check_analogs(const std::vector<T>& list, const std::string& path, Problems& out) {
  check_unique_points(list, path, out);
  for (std::size_t i = 0; i < list.size(); ++i) check_measurement(list[i], item_path(path, i), out);
}

void check_binary_inputs(const std::vector<BinaryInputPoint>& list, const std::string& path,
                         Problems& out) {
  check_unique_points(list, path, out);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& p = list[i];
    int lo = 0;
    int hi = 0;
    if (p.source == BinaryInputSource::digital_input) {
      lo = 1;
      hi = 14;
    } else if (p.source == BinaryInputSource::trigger) {
      lo = 1;
      hi = 64;
    }
    if (p.channel < lo || p.channel > hi) {
      std::string msg(to_text(p.source));
      msg += " takes channel ";
      msg += std::to_string(lo);
      if (hi != lo) {
        msg += '-';
        msg += std::to_string(hi);
      }
      report(out, kBinaryInputChannelForSource, child_path(item_path(path, i), "channel"),
             std::move(msg));
    }
  }
}

void check_modbus(const ModbusSlave& m, Problems& out) {
  const std::string path = "protocols.modbus_slave";
  check_counters(m.counters, child_path(path, "counters"), out);
  check_analogs(m.analogs, child_path(path, "analogs"), out);
  check_unique_points(m.coils, child_path(path, "coils"), out);
  check_binary_inputs(m.input_status, child_path(path, "input_status"), out);
}

void check_dnp(const DnpSlave& d, Problems& out) {
  const std::string path = "protocols.dnp_slave";
  // Only when data link confirms are used (L6190-L6194: "If Application Layer Confirms is
  // used with Data Link Confirms"); appendix C's 1/1/3 with mode never is valid.
  if (d.data_link_confirm_mode != DnpDataLinkConfirmMode::never &&
      static_cast<long long>(d.application_confirm_timeout_ms) <=
          static_cast<long long>(d.data_link_confirm_timeout_ms) *
              (d.data_link_confirm_retries + 1)) {
    std::string msg = "application confirm timeout must exceed ";
    msg += std::to_string(static_cast<long long>(d.data_link_confirm_timeout_ms) *
                          (d.data_link_confirm_retries + 1));
    msg += " ms (data link timeout x (retries + 1))";
    report(out, kDnpAppConfirmTimeout, child_path(path, "application_confirm_timeout_ms"),
           std::move(msg));
  }
  check_counters(d.counters, child_path(path, "counters"), out);
  check_analogs(d.analogs, child_path(path, "analogs"), out);
  if (d.analog_scaling == DnpAnalogScaling::sixteen_bit)
    for (std::size_t i = 0; i < d.analogs.size(); ++i)
      if (d.analogs[i].scale_factor > 100)
        report(out, kDnpAnalogScaleForMethod,
               child_path(item_path(child_path(path, "analogs"), i), "scale_factor"),
               "the 16-bit scaling method takes scale factors 1-100");
  check_unique_points(d.binary_outputs, child_path(path, "binary_outputs"), out);
  check_binary_inputs(d.binary_inputs, child_path(path, "binary_inputs"), out);
}

void check_dlms(const DlmsSettings& d, Problems& out) {
  if (d.secure_client_1_enabled && d.secure_client_1_password.empty())
    report(out, kDlmsSecurePasswordRequired, "protocols.dlms.secure_client_1_password",
           "Secure Access client 1 needs a password");
  if (d.secure_client_2_enabled && d.secure_client_2_password.empty())
    report(out, kDlmsSecurePasswordRequired, "protocols.dlms.secure_client_2_password",
           "Secure Access client 2 needs a password");
}

}  // namespace

std::span<const RuleRef> protocols_rule_refs() {
  static constexpr std::array refs{
      kProtocolPointNumbersUnique,      kCounterRegisterIdForSet,     kAnalogPointTypeForCategory,
      kAnalogPointQuantityForType,      kAnalogPointPhaseForQuantity, kAnalogPointHarmonicNumber,
      kAnalogPointDirectionForQuantity, kBinaryInputChannelForSource, kDnpAppConfirmTimeout,
      kDnpAnalogScaleForMethod,         kDlmsSecurePasswordRequired};
  return refs;
}

void check_protocols_rules(const MeterConfiguration& c, Problems& out) {
  check_modbus(c.protocols.modbus_slave, out);
  check_dnp(c.protocols.dnp_slave, out);
  check_dlms(c.protocols.dlms, out);
}

}  // namespace jemhead::config
