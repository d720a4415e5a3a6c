// DlmsSession's profile generic reads: the load profiles and the Ethernet connection log.
// Both read their capture objects in the same session, never assuming a layout.
#include <chrono>

#include "drivers/protocol/dlms/driver/driver_session.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "drivers/protocol/dlms/driver/load_profile_reader.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"

namespace jemhead::dlms {

namespace {

// The range's lower bound when nothing is stored yet: the JEMStar epoch (1990-01-01), before
// anything such a meter can have recorded.
UtcTime oldest_possible() {
  return from_unix_micros(kMeterEpochUnixSeconds * 1'000'000);
}

// The upper bound when none is asked for: a day past the later of the two clocks, so a
// meter running ahead of the head-end still returns its newest intervals.
UtcTime newest_possible(UtcTime head_end, std::optional<UtcTime> meter) {
  const auto later = meter && *meter > head_end ? *meter : head_end;
  return later + std::chrono::hours(24);
}

}  // namespace

drivers::Task<axdr::Data> DlmsSession::get_profile_attribute(cosem::Obis object,
                                                             std::int8_t attribute,
                                                             std::string what) {
  bool absent = false;
  axdr::Data value;
  try {
    auto reading = client_->get(cosem::class_id::profile_generic, object, attribute);
    value = co_await std::move(reading);
  } catch (const session::DataAccessFailed& e) {
    if (e.result() != apdu::DataAccessResult::object_undefined || e.kind() != "data_access") throw;
    absent = true;
  }
  if (absent)
    throw drivers::NotPresent(what + " (" + object.to_string() + "): the meter does not have it");
  co_return value;
}

drivers::Task<drivers::LoadProfileRead> DlmsSession::read_load_profile(
    drivers::LoadProfileRequest request) {
  const auto obis = load_profile_obis(request.profile);
  if (!obis)
    throw drivers::Refused("load profile " + std::to_string(request.profile) +
                           ": the meter has load profiles 1 and 2 only");
  const std::string what = "load profile " + std::to_string(request.profile);

  // The layout first: a profile the meter lacks is NotPresent before anything else.
  auto reading_objects = get_profile_attribute(*obis, 3, what);
  const axdr::Data attribute3 = co_await std::move(reading_objects);
  const auto columns = capture_columns(attribute3, what);
  auto reading_period = get_profile_attribute(*obis, 4, what);
  const axdr::Data attribute4 = co_await std::move(reading_period);
  drivers::LoadProfileRead out;
  out.layout = load_profile_layout(request.profile, columns, capture_period_of(attribute4, what));

  // The clock's deviation writes the range's bounds and reads timestamps that state none.
  auto sampling = sample_clock();
  const ClockSample clock = co_await std::move(sampling);
  const auto deviation = clock.meter.local.deviation_minutes();
  const BufferClock buffer_clock{deviation, client_->options().deviation_convention};

  const UtcTime from = request.after.value_or(oldest_possible());
  const UtcTime to = request.to.value_or(newest_possible(clock.head_end, clock.meter.utc));
  if (to <= from) co_return out;  // (after, to] is empty: nothing to ask for

  axdr::Data buffer;
  bool whole_buffer = false;
  try {
    auto ranging = client_->get_range(*obis, from, to, deviation.value_or(0));
    buffer = co_await std::move(ranging);
  } catch (const drivers::Unsupported&) {
    // No selective access granted (thrown before anything is sent): the whole buffer,
    // filtered here. Slow for a full profile, but correct.
    whole_buffer = true;
  }
  if (whole_buffer) {
    auto reading_buffer = get_profile_attribute(*obis, 2, what);
    buffer = co_await std::move(reading_buffer);
  }

  const LoadProfileSlice slice{meter_id_, request.profile, request.after, to};
  auto decoded = decode_load_profile(buffer, columns, slice, buffer_clock);
  out.values = std::move(decoded.values);
  out.intervals = decoded.intervals;
  co_return out;
}

drivers::Task<std::vector<LogEvent>> DlmsSession::read_events(std::optional<UtcTime> after) {
  const std::string what = "Ethernet connection log";
  auto reading_objects = get_profile_attribute(kEthernetLog, 3, what);
  const axdr::Data attribute3 = co_await std::move(reading_objects);
  const auto columns = capture_columns(attribute3, what);
  auto sampling = sample_clock();
  const ClockSample clock = co_await std::move(sampling);
  // The log's selective access is not documented as available (its access column is
  // blank, L16685-L16710) and the log is short: read whole and filter here.
  auto reading_buffer = get_profile_attribute(kEthernetLog, 2, what);
  const axdr::Data buffer = co_await std::move(reading_buffer);
  const BufferClock buffer_clock{clock.meter.local.deviation_minutes(),
                                 client_->options().deviation_convention};
  co_return decode_ethernet_log(buffer, columns, meter_id_, after, buffer_clock);
}

}  // namespace jemhead::dlms
