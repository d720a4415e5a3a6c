#include "sim/dlms/cosem_objects.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/cosem/object_list.hpp"
#include "sim/dlms/profile_objects.hpp"

namespace jemhead::sim::dlms_server {

namespace {

using apdu::DataAccessResult;
using cosem::class_id::clock;
using cosem::class_id::data;
using cosem::class_id::register_;

std::uint32_t served_register_value(double primary_wh) {
  // double-long-unsigned rolls over like the meter's 32-bit register.
  const double scaled = std::floor(std::max(0.0, primary_wh) * kRegisterMultiplier);
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(std::fmod(scaled, 4294967296.0)));
}

double energy_of(const EnergyRegisters& primary, const cosem::CosemObject& o) {
  int column = kPoly;
  switch (o.phase) {
    case cosem::Phase::a: column = 0; break;
    case cosem::Phase::b: column = 1; break;
    case cosem::Phase::c: column = 2; break;
    default: break;
  }
  const auto& p = primary.phase[static_cast<std::size_t>(column)];
  return o.direction == cosem::Direction::received ? p.wh_received : p.wh_delivered;
}

bool is_energy_register(const cosem::CosemObject& o) {
  return o.class_id == register_ && o.kind == cosem::Kind::energy &&
         o.quantity == cosem::Quantity::active;
}

const cosem::CosemObject* energy_register(const cosem::Obis& obis) {
  for (const auto& o : cosem::meter_objects())
    if (o.obis == obis && is_energy_register(o)) return &o;
  return nullptr;
}

axdr::Data logical_name(const cosem::Obis& obis) {
  return axdr::Data::make_octet_string({obis.bytes().begin(), obis.bytes().end()});
}

std::string identification_value(const MeterSpec& spec, std::string_view title) {
  for (const auto& f : spec.identification)
    if (f.title == title) return f.value;
  return {};
}

std::uint32_t rounded(double v) {
  return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0, 4294967295.0)));
}

// Attribute 2 of the Data objects served; nullopt for an OBIS not served.
std::optional<axdr::Data> data_object_value(const MeterSpec& spec, const cosem::Obis& o) {
  const auto text = [](std::string s) { return axdr::Data::make_visible_string(std::move(s)); };
  if (o.a() == 0 && o.b() == 0 && o.c() == 96 && o.d() == 11 && o.f() == 255) {
    switch (o.e()) {
      case 0: return text(spec.serial);
      case 1: return text(identification_value(spec, "Meter ID"));
      case 2: return text(identification_value(spec, "Administrator"));
      case 3: return text(identification_value(spec, "Location"));
      case 4: return text(identification_value(spec, "Configuration ID"));
      case 5: return text(identification_value(spec, "Account"));
      default: return std::nullopt;
    }
  }
  if (o.a() == 0 && o.c() == 0 && o.d() == 2 && o.e() == 1 && o.f() == 255) {
    switch (o.b()) {
      case 0: return text(spec.firmware.register_fw);
      case 1: return text(spec.firmware.metrology);
      case 2: return text(spec.firmware.service);
      case 3: return text(spec.firmware.pq);
      case 4: return text(spec.firmware.fpga);
      default: return std::nullopt;
    }
  }
  if (o.a() == 1 && o.b() == 0 && o.c() == 0 && o.d() == 4 && o.f() == 255) {
    // The sim's nominal secondary values are the transformers' secondary ratings.
    const double volts = spec.nominal_voltage, amps = spec.nominal_current;
    switch (o.e()) {
      case 2: return axdr::Data::make_double_long_unsigned(rounded(amps * spec.ct_ratio));
      case 3: return axdr::Data::make_double_long_unsigned(rounded(volts * spec.pt_ratio));
      case 5: return axdr::Data::make_double_long_unsigned(rounded(amps));
      case 6: return axdr::Data::make_double_long_unsigned(rounded(volts));
      default: return std::nullopt;
    }
  }
  return recording_interval_value(spec, o);
}

bool public_readable(const apdu::CosemAttributeDescriptor& a) {
  // "serial number, meter identification objects and meter time" (manual L6557-L6563).
  const cosem::Obis o(a.instance_id);
  return a.class_id == clock ||
         (a.class_id == data && o.a() == 0 && o.b() == 0 && o.c() == 96 && o.d() == 11);
}

axdr::Data unspecified_date_time() {
  return axdr::to_octet_string_data(axdr::CosemDateTime{});
}

std::optional<axdr::Data> clock_attribute(int attribute, UtcTime meter_time) {
  switch (attribute) {
    case 1: return logical_name(kClockObis);
    case 2: return clock_time_value(meter_time);
    case 3: return axdr::Data::make_long(kClockTimeZoneMinutes);
    case 4: return axdr::Data::make_unsigned(0);  // clock status: all fine
    case 5:
    case 6: return unspecified_date_time();  // no DST in the sim
    case 7: return axdr::Data::make_integer(0);
    case 8: return axdr::Data::make_boolean(false);
    case 9: return axdr::Data::make_enum(1);  // internal crystal
    default: return std::nullopt;
  }
}

}  // namespace

axdr::Data clock_time_value(UtcTime meter_time) {
  return axdr::to_octet_string_data(
      axdr::from_utc(meter_time, kClockTimeZoneMinutes, axdr::ClockStatus{0}));
}

DlmsSnapshot dlms_snapshot(SimMeter& meter, RealClock::time_point real_now) {
  const Truth truth = meter.truth_now(real_now);
  const auto primary = truth.energy.to_primary(meter.spec().pt_ratio, meter.spec().ct_ratio);
  DlmsSnapshot out;
  out.meter_time = truth.meter_time;
  for (const auto& o : cosem::meter_objects()) {
    if (!is_energy_register(o)) continue;
    RegisterValue r;
    r.obis = o.obis;
    r.description = o.description;
    r.primary_wh = energy_of(primary, o);
    r.value = served_register_value(r.primary_wh);
    out.registers.push_back(r);
  }
  return out;
}

AttributeResult get_attribute(SimMeter& meter, DlmsClient client,
                              const apdu::CosemAttributeDescriptor& a,
                              RealClock::time_point real_now) {
  const cosem::Obis obis(a.instance_id);
  const int attribute = a.attribute_id;
  std::optional<axdr::Data> value;
  bool exists = false;
  if (a.class_id == clock && obis == kClockObis) {
    exists = attribute >= 1 && attribute <= 9;
    if (exists) value = clock_attribute(attribute, meter.meter_time_now(real_now));
  } else if (a.class_id == register_) {
    if (const auto* o = energy_register(obis)) {
      exists = attribute >= 1 && attribute <= 3;
      if (attribute == 1) value = logical_name(obis);
      if (attribute == 2) {
        const Truth truth = meter.truth_now(real_now);
        const auto primary = truth.energy.to_primary(meter.spec().pt_ratio, meter.spec().ct_ratio);
        value =
            axdr::Data::make_double_long_unsigned(served_register_value(energy_of(primary, *o)));
      }
      if (attribute == 3)
        value = axdr::Data::make_structure(
            {axdr::Data::make_integer(kRegisterScaler),
             axdr::Data::make_enum(static_cast<std::uint8_t>(cosem::Unit::watt_hour))});
    }
  } else if (is_load_profile(a)) {
    // The profiles answer for themselves (access rights included); the buffer is decoded
    // back here only for callers that want a Data (the session sends the bytes as they are).
    auto result = get_profile_attribute(meter, client, a, std::nullopt, real_now);
    if (auto* refused = std::get_if<DataAccessResult>(&result)) return *refused;
    return axdr::decode(std::get<apdu::Bytes>(result));
  } else if (a.class_id == data) {
    if (auto v = data_object_value(meter.spec(), obis)) {
      exists = attribute == 1 || attribute == 2;
      value = attribute == 1 ? logical_name(obis) : std::move(*v);
    }
  }
  if (!exists) return DataAccessResult::object_undefined;
  if (client == DlmsClient::public_client && !public_readable(a))
    return DataAccessResult::read_write_denied;
  return std::move(*value);
}

apdu::DataAccessResult set_attribute(SimMeter& meter, DlmsClient client,
                                     const apdu::CosemAttributeDescriptor& a,
                                     std::span<const std::uint8_t> value,
                                     RealClock::time_point real_now) {
  if (is_load_profile(a)) {
    // Read-only (L15073-L15079); attribute 1 is enough to tell whether the profile exists.
    auto exists = get_profile_attribute(meter, DlmsClient::manager, {a.class_id, a.instance_id, 1},
                                        std::nullopt, real_now);
    if (std::holds_alternative<DataAccessResult>(exists) || a.attribute_id < 1 ||
        a.attribute_id > 8)
      return DataAccessResult::object_undefined;
    return DataAccessResult::read_write_denied;
  }
  const auto readable = get_attribute(meter, DlmsClient::manager, a, real_now);
  if (std::holds_alternative<DataAccessResult>(readable))
    return std::get<DataAccessResult>(readable);  // object-undefined
  // The clock time is the only writable attribute, and only for the manager (L6567-L6583).
  const bool clock_time =
      a.class_id == clock && cosem::Obis(a.instance_id) == kClockObis && a.attribute_id == 2;
  if (!clock_time || client != DlmsClient::manager) return DataAccessResult::read_write_denied;
  try {
    const axdr::Data data = axdr::decode(value);
    const auto when = axdr::date_time_of(data);
    // A deviation left unspecified means the meter's own zone, which is UTC here.
    const auto utc =
        when.deviation_minutes() ? axdr::to_utc(when) : axdr::to_utc(when, kClockTimeZoneMinutes);
    if (!utc) return DataAccessResult::other_reason;  // wildcards: not one instant
    meter.set_clock(*utc, real_now);
    return DataAccessResult::success;
  } catch (const axdr::TypeMismatch&) {
    return DataAccessResult::type_unmatched;
  } catch (const axdr::AxdrError&) {
    return DataAccessResult::other_reason;
  }
}

}  // namespace jemhead::sim::dlms_server
