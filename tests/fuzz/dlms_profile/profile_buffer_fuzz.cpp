// The DLMS driver's profile generic decoding under hostile bytes: capture objects, capture
// period, a load profile's buffer and the Ethernet connection log's buffer
// (drivers/protocol/dlms/driver/profile_buffer, load_profile_reader, event_log_reader).
// Input: flags byte, a 2-byte big-endian length L, L bytes of attribute 3 (capture objects),
// then attribute 2 (the buffer). The buffer is decoded against the columns the input
// states and against two fixed layouts (a load profile's, the Ethernet log's as the manual
// prints it), so buffers are explored even when the capture objects do not decode.
// Invariants: bytes that are not A-XDR fail the A-XDR decode with axdr::DecodeError; after
// that only drivers::DriverError may escape (an unexpected exception terminates the run);
// results are ordered, newer than `after` and no longer than the buffer.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "drivers/protocol/dlms/driver/load_profile_reader.hpp"
#include "drivers/protocol/dlms/driver/profile_buffer.hpp"

namespace dlms = jemhead::dlms;
namespace axdr = jemhead::dlms::axdr;
namespace cosem = jemhead::dlms::cosem;

namespace {

using Data = axdr::Data;

Data definition(std::uint16_t cls, cosem::Obis obis, std::int8_t attribute) {
  return Data::make_structure({Data::make_long_unsigned(cls),
                               Data::make_octet_string({obis.bytes().begin(), obis.bytes().end()}),
                               Data::make_integer(attribute), Data::make_long_unsigned(0)});
}

// The simulator's load profile layout: clock, status, two channels.
const std::vector<cosem::CaptureColumn>& load_profile_columns() {
  static const auto columns = dlms::capture_columns(
      Data::make_array(
          {definition(8, {0, 0, 1, 0, 0, 255}, 2), definition(1, {0, 0, 96, 10, 1, 255}, 2),
           definition(3, {1, 0, 1, 29, 0, 255}, 2), definition(3, {1, 0, 1, 27, 0, 255}, 2)}),
      "fuzz");
  return columns;
}

// The Ethernet log's as the manual quotes it (class 8 for the status, L16727).
const std::vector<cosem::CaptureColumn>& ethernet_log_columns() {
  static const auto columns =
      dlms::capture_columns(Data::make_array({definition(8, {0, 0, 1, 0, 0, 255}, 2),
                                              definition(8, {0, 0, 96, 11, 0, 255}, 2)}),
                            "fuzz");
  return columns;
}

std::optional<Data> decode(std::span<const std::uint8_t> bytes) {
  axdr::DecodeOptions options;
  options.max_elements = 100'000;
  try {
    return axdr::decode(bytes, options);
  } catch (const axdr::DecodeError&) {
    return std::nullopt;
  }
}

void decode_buffer(const Data& buffer, const std::vector<cosem::CaptureColumn>& columns,
                   std::uint8_t flags) {
  dlms::BufferClock clock;
  if (flags & 0x01) clock.fallback_deviation = static_cast<std::int16_t>(flags & 0x02 ? -60 : 0);
  if (flags & 0x04) clock.convention = axdr::DeviationConvention::utc_to_local;
  std::optional<jemhead::UtcTime> after;
  if (flags & 0x08) after = jemhead::from_unix_micros(1'750'000'000'000'000);  // mid-2025
  std::size_t entries = 0;
  try {
    entries = dlms::buffer_entries(buffer, "fuzz").size();
  } catch (const jemhead::drivers::DriverError&) {
  }
  try {
    dlms::LoadProfileSlice slice{1, 1, after, std::nullopt};
    if (flags & 0x10) slice.to = jemhead::from_unix_micros(1'800'000'000'000'000);
    const auto decoded = dlms::decode_load_profile(buffer, columns, slice, clock);
    if (decoded.intervals > entries) std::abort();
    for (std::size_t i = 0; i < decoded.values.size(); ++i) {
      const auto& v = decoded.values[i];
      if (after && v.interval_end <= *after) std::abort();
      if (slice.to && v.interval_end > *slice.to) std::abort();
      if (i > 0 && v.interval_end < decoded.values[i - 1].interval_end) std::abort();
    }
  } catch (const jemhead::drivers::DriverError&) {
  }
  try {
    const auto events = dlms::decode_ethernet_log(buffer, columns, 1, after, clock);
    if (events.size() > entries) std::abort();
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (after && events[i].event_time <= *after) std::abort();
      if (i > 0 && events[i].event_time < events[i - 1].event_time) std::abort();
      if (events[i].log != "ethernet" || events[i].raw.empty()) std::abort();
    }
  } catch (const jemhead::drivers::DriverError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::uint8_t flags = data[0];
  const std::size_t stated = (std::size_t{data[1]} << 8) | data[2];
  const std::span<const std::uint8_t> rest(data + 3, size - 3);
  const std::size_t split = std::min(stated, rest.size());

  std::optional<std::vector<cosem::CaptureColumn>> columns;
  if (const auto attribute3 = decode(rest.first(split))) {
    try {
      columns = dlms::capture_columns(*attribute3, "fuzz");
      (void)dlms::load_profile_layout(1, *columns, 900);
    } catch (const jemhead::drivers::DriverError&) {
    }
    try {
      (void)dlms::capture_period_of(*attribute3, "fuzz");
    } catch (const jemhead::drivers::DriverError&) {
    }
  }
  const auto buffer = decode(rest.subspan(split));
  if (!buffer) return 0;
  if (columns) decode_buffer(*buffer, *columns, flags);
  decode_buffer(*buffer, load_profile_columns(), flags);
  decode_buffer(*buffer, ethernet_log_columns(), flags);
  return 0;
}
