#include "drivers/protocol/dlms/driver/profile_buffer.hpp"

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms {

std::vector<cosem::CaptureColumn> capture_columns(const axdr::Data& attribute3,
                                                  const std::string& what) {
  try {
    return cosem::decode_capture_objects(attribute3);
  } catch (const axdr::AxdrError& e) {
    throw drivers::BadResponse(what + ": capture objects " + axdr::to_text(attribute3) + ": " +
                               e.what());
  }
}

std::uint32_t capture_period_of(const axdr::Data& attribute4, const std::string& what) {
  if (attribute4.is_integer()) {
    try {
      const auto seconds = attribute4.to_int64();
      if (seconds >= 0 && seconds <= 0xFFFFFFFFll) return static_cast<std::uint32_t>(seconds);
    } catch (const axdr::AxdrError&) {  // a long64-unsigned beyond int64: out of range too
    }
  }
  throw drivers::BadResponse(what + ": capture period " + axdr::to_text(attribute4) +
                             " is not a number of seconds");
}

const std::vector<axdr::Data>& buffer_entries(const axdr::Data& buffer, const std::string& what) {
  if (buffer.is(axdr::DataType::array)) return buffer.as_array();
  if (buffer.is(axdr::DataType::compact_array)) return buffer.as_compact_array().elements;
  throw drivers::BadResponse(what + ": buffer is " + axdr::to_text(buffer) +
                             ", not an array of entries");
}

const std::vector<axdr::Data>& entry_values(const axdr::Data& entry, std::size_t columns,
                                            std::size_t index, const std::string& what) {
  const std::string where = what + ": buffer entry " + std::to_string(index);
  if (!entry.is(axdr::DataType::structure))
    throw drivers::BadResponse(where + " is " + axdr::to_text(entry) + ", not a structure");
  const auto& values = entry.as_structure();
  if (values.size() != columns)
    throw drivers::BadResponse(where + " has " + std::to_string(values.size()) +
                               " values; the capture objects name " + std::to_string(columns) +
                               " columns");
  return values;
}

UtcTime buffer_time(const axdr::Data& value, const BufferClock& clock, const std::string& what) {
  std::optional<UtcTime> instant;
  try {
    const auto stamp = axdr::date_time_of(value);
    if (stamp.deviation_minutes())
      instant = axdr::to_utc(stamp, clock.convention);
    else if (clock.fallback_deviation)
      instant = axdr::to_utc(stamp, *clock.fallback_deviation, clock.convention);
    else
      throw drivers::BadResponse(what + ": timestamp " + axdr::to_text(value) +
                                 " states no deviation, and neither does the meter's clock");
  } catch (const axdr::AxdrError& e) {
    throw drivers::BadResponse(what + ": timestamp " + axdr::to_text(value) + ": " + e.what());
  }
  if (!instant)
    throw drivers::BadResponse(what + ": timestamp " + axdr::to_text(value) +
                               " is not one instant (fields not specified)");
  return *instant;
}

const cosem::CaptureColumn& timestamp_column(const std::vector<cosem::CaptureColumn>& columns,
                                             const std::string& what) {
  for (const auto& column : columns)
    if (column.role == cosem::ColumnRole::timestamp) return column;
  throw drivers::BadResponse(what + ": the capture objects have no clock time column");
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const auto b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0F];
  }
  return out;
}

}  // namespace jemhead::dlms
