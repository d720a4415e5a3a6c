// The object conveniences of CosemClient: load profile ranges, the clock, registers. Each
// is a GET or SET of the manual's objects (part7 §6) plus the decoding of its value.
#include <stdexcept>
#include <utility>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/session/cosem_client.hpp"
#include "drivers/protocol/dlms/session/session_failures.hpp"

namespace jemhead::dlms::session {

boost::asio::awaitable<axdr::Data> CosemClient::get_range(cosem::Obis profile, UtcTime from,
                                                          UtcTime to,
                                                          std::int16_t deviation_minutes) {
  const std::string what = "GET range of " + profile.to_string();
  if (to < from) throw std::invalid_argument(what + ": range ends before it starts");
  const Association& association = require_association(what);
  if (!apdu::has_conformance(association.conformance, apdu::ConformanceBit::selective_access))
    throw drivers::Unsupported(what + ": the meter did not grant selective-access");

  // The bounds as the clock writes its time (octet-string(12), the form the restricting
  // object has in the buffer), with clock status "not specified": it says nothing about a
  // bound.
  const auto bound = [&](UtcTime instant) {
    const auto local = axdr::from_utc(instant, deviation_minutes, axdr::ClockStatus{0xFF},
                                      options_.deviation_convention);
    return axdr::encode(axdr::to_octet_string_data(local));
  };
  apdu::RangeDescriptor range;  // restricting object: the clock's time; all columns
  range.from_value = bound(from);
  range.to_value = bound(to);
  auto reading = get(kProfileGenericClass, profile, 2, apdu::make_range_access(range));
  axdr::Data buffer = co_await std::move(reading);
  if (!buffer.is(axdr::DataType::array) && !buffer.is(axdr::DataType::compact_array))
    throw drivers::BadResponse(what + ": buffer is " + axdr::to_text(buffer) +
                               ", not an array of entries");
  co_return buffer;
}

boost::asio::awaitable<ClockReading> CosemClient::read_clock() {
  auto reading = get(kClockClass, kClockObis, 2);
  const axdr::Data value = co_await std::move(reading);
  ClockReading clock;
  try {
    clock.local = axdr::date_time_of(value);
    clock.utc = axdr::to_utc(clock.local, options_.deviation_convention);
  } catch (const axdr::AxdrError& e) {
    throw drivers::BadResponse("clock time " + axdr::to_text(value) + ": " + e.what());
  }
  co_return clock;
}

boost::asio::awaitable<axdr::CosemDateTime> CosemClient::set_clock(UtcTime instant,
                                                                   ClockDeviationPolicy policy) {
  std::int16_t deviation = policy.minutes;
  axdr::ClockStatus status = policy.status;
  if (policy.source == ClockDeviationPolicy::Source::keep_meter) {
    auto reading = read_clock();
    const ClockReading current = co_await std::move(reading);
    const auto reported = current.local.deviation_minutes();
    if (!reported)
      throw drivers::Refused(
          "set clock: the meter's clock reports no deviation to keep; give one explicitly");
    deviation = *reported;
    // Keep only what describes the new value: daylight saving still applies; the
    // invalid/doubtful bits described the old one.
    status = axdr::ClockStatus{static_cast<std::uint8_t>(
        current.local.status.daylight_saving_active() ? axdr::ClockStatus::kDaylightSavingActive
                                                      : 0)};
  }
  const axdr::CosemDateTime value =
      axdr::from_utc(instant, deviation, status, options_.deviation_convention);
  auto setting = set(kClockClass, kClockObis, 2, axdr::to_octet_string_data(value));
  co_await std::move(setting);
  co_return value;
}

boost::asio::awaitable<RegisterReading> CosemClient::read_register(cosem::Obis object) {
  auto reading_value = get(kRegisterClass, object, 2);
  axdr::Data value = co_await std::move(reading_value);
  auto reading_scaler = get(kRegisterClass, object, 3);
  const axdr::Data scaler_unit = co_await std::move(reading_scaler);

  const std::string what = "register " + object.to_string();
  RegisterReading reading;
  try {
    reading.scaler_unit = cosem::decode_scaler_unit(scaler_unit);
  } catch (const axdr::AxdrError& e) {
    throw drivers::BadResponse(what + ": scaler_unit " + axdr::to_text(scaler_unit) + ": " +
                               e.what());
  }
  if (!value.is_number())
    throw drivers::BadResponse(what + ": value " + axdr::to_text(value) + " is not a number");
  reading.scaled =
      cosem::apply_scaler_unit(object, value.to_double(), reading.scaler_unit, options_.scaling);
  reading.value = std::move(value);
  co_return reading;
}

}  // namespace jemhead::dlms::session
