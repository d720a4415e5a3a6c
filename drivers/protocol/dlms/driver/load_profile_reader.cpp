#include "drivers/protocol/dlms/driver/load_profile_reader.hpp"

#include <algorithm>
#include <cmath>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/cosem/interval_status.hpp"
#include "drivers/protocol/dlms/cosem/object_list.hpp"
#include "drivers/protocol/dlms/driver/measurement_text.hpp"

namespace jemhead::dlms {

namespace {

using cosem::CaptureColumn;
using cosem::ColumnRole;

// The table entry that names a channel column, or nullptr. A class other than the
// table's means the entry describes another object: nothing is taken from it.
const cosem::CosemObject* measurement_of(const CaptureColumn& column) {
  return column.class_mismatch ? nullptr : column.known;
}

struct ChannelColumn {
  std::size_t index = 0;  // in the entry
  std::uint16_t channel = 0;
  StoredUnit unit;
};

std::vector<ChannelColumn> channel_columns(const std::vector<CaptureColumn>& columns) {
  std::vector<ChannelColumn> out;
  for (const auto* column : cosem::columns_with_role(columns, ColumnRole::channel)) {
    const auto* measurement = measurement_of(*column);
    out.push_back({column->index, column->channel,
                   measurement ? lp_stored_unit(*measurement) : StoredUnit{}});
  }
  return out;
}

std::string profile_text(std::uint8_t profile) {
  std::string text = "load profile ";
  text += std::to_string(profile);
  return text;
}

std::uint32_t status_of(const axdr::Data& value, const std::string& where) {
  if (value.is_integer()) {
    try {
      const auto status = value.to_int64();
      if (status >= 0 && status <= 0xFFFFFFFFll) return static_cast<std::uint32_t>(status);
    } catch (const axdr::AxdrError&) {
    }
  }
  throw drivers::BadResponse(where + ": interval status " + axdr::to_text(value) +
                             " is not a status code");
}

struct Row {
  UtcTime end;
  const std::vector<axdr::Data>* values;
  std::size_t index;
};

}  // namespace

std::optional<cosem::Obis> load_profile_obis(std::uint8_t profile) {
  if (profile == 1) return kLoadProfile1;
  if (profile == 2) return kLoadProfile2;
  return std::nullopt;
}

LoadProfileLayout load_profile_layout(std::uint8_t profile,
                                      const std::vector<CaptureColumn>& columns,
                                      std::uint32_t capture_period_s) {
  LoadProfileLayout layout;
  layout.profile = profile;
  layout.capture_period_s = capture_period_s;
  for (const auto* column : cosem::columns_with_role(columns, ColumnRole::channel)) {
    LoadProfileChannel channel;
    channel.channel = column->channel;
    channel.obis = column->object.logical_name.to_string();
    if (const auto* measurement = measurement_of(*column)) {
      channel.quantity = lp_quantity_text(*measurement);
      channel.phase = phase_text(measurement->phase);
      channel.description = std::string(measurement->description);
      channel.unit = lp_stored_unit(*measurement).unit;
    } else if (column->ambiguous) {
      // The manual gives this code to two measurements; say so instead of picking one.
      std::string both;
      for (const auto* candidate : cosem::find_all_objects(column->object.logical_name)) {
        if (!both.empty()) both += " or ";
        both += candidate->description;
      }
      channel.description = "ambiguous: " + both;
    }
    layout.channels.push_back(std::move(channel));
  }
  return layout;
}

DecodedLoadProfile decode_load_profile(const axdr::Data& buffer,
                                       const std::vector<CaptureColumn>& columns,
                                       const LoadProfileSlice& slice, const BufferClock& clock) {
  const std::string what = profile_text(slice.profile);
  const auto& stamp = timestamp_column(columns, what);
  const auto statuses = cosem::columns_with_role(columns, ColumnRole::interval_status);
  const auto channels = channel_columns(columns);

  std::vector<Row> rows;
  const auto& entries = buffer_entries(buffer, what);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& values = entry_values(entries[i], columns.size(), i, what);
    const auto end =
        buffer_time(values[stamp.index], clock, what + ": buffer entry " + std::to_string(i));
    if (slice.after && end <= *slice.after) continue;
    if (slice.to && end > *slice.to) continue;
    rows.push_back({end, &values, i});
  }
  // The meter sorts oldest first (sort method 1); the contract is ascending either way.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.end < b.end; });

  DecodedLoadProfile out;
  out.intervals = rows.size();
  out.values.reserve(rows.size() * channels.size());
  for (const auto& row : rows) {
    const std::string where = what + ": buffer entry " + std::to_string(row.index);
    const auto& values = *row.values;
    const std::uint32_t flags =
        statuses.empty() ? 0 : cosem::interval_flags(status_of(values[statuses[0]->index], where));
    for (const auto& channel : channels) {
      const auto& value = values[channel.index];
      // NaN and infinities are refused too: no engineering value, and not storable as one.
      if (!value.is_number() || !std::isfinite(value.to_double()))
        throw drivers::BadResponse(where + ": channel " + std::to_string(channel.channel) +
                                   " value " + axdr::to_text(value) + " is not a number");
      LoadProfileValue v;
      v.meter_id = slice.meter_id;
      v.profile = slice.profile;
      v.channel = channel.channel;
      v.interval_end = row.end;
      v.value = channel.unit.apply(value.to_double());
      v.status = flags;
      out.values.push_back(v);
    }
  }
  return out;
}

}  // namespace jemhead::dlms
