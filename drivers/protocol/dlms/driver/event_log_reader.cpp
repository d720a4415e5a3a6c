#include "drivers/protocol/dlms/driver/event_log_reader.hpp"

#include <algorithm>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms {

namespace {

constexpr const char* kWhat = "Ethernet connection log";

const cosem::CaptureColumn& status_column(const std::vector<cosem::CaptureColumn>& columns) {
  for (const auto& column : columns)
    if (column.role != cosem::ColumnRole::timestamp) return column;
  throw drivers::BadResponse(std::string(kWhat) + ": the capture objects have no status column");
}

std::string describe_status(std::int64_t status) {
  if (status == 0) return "Ethernet Connect";
  if (status == 1) return "Ethernet Disconnect";
  return "unknown Ethernet status " + std::to_string(status);
}

}  // namespace

std::vector<LogEvent> decode_ethernet_log(const axdr::Data& buffer,
                                          const std::vector<cosem::CaptureColumn>& columns,
                                          std::int64_t meter_id, std::optional<UtcTime> after,
                                          const BufferClock& clock) {
  const std::string what = kWhat;
  const auto& stamp = timestamp_column(columns, what);
  const auto& status = status_column(columns);
  std::vector<LogEvent> events;
  const auto& entries = buffer_entries(buffer, what);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = what + ": buffer entry " + std::to_string(i);
    const auto& values = entry_values(entries[i], columns.size(), i, what);
    const auto at = buffer_time(values[stamp.index], clock, where);
    if (after && at <= *after) continue;
    const auto& code = values[status.index];
    std::int64_t number = 0;
    try {
      if (!code.is_integer()) throw axdr::ShapeError("not an integer");
      number = code.to_int64();
    } catch (const axdr::AxdrError&) {
      throw drivers::BadResponse(where + ": status " + axdr::to_text(code) +
                                 " is not a status code");
    }
    LogEvent event;
    event.meter_id = meter_id;
    event.log = "ethernet";
    event.event_time = at;
    event.code = std::to_string(number);
    event.description = describe_status(number);
    try {
      event.raw = to_hex(axdr::encode(entries[i]));
    } catch (const axdr::AxdrError& e) {  // decoded values re-encode; never expected
      throw drivers::BadResponse(where + ": " + e.what());
    }
    events.push_back(std::move(event));
  }
  std::stable_sort(events.begin(), events.end(), [](const LogEvent& a, const LogEvent& b) {
    return a.event_time < b.event_time;
  });
  return events;
}

}  // namespace jemhead::dlms
