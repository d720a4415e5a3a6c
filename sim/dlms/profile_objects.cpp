#include "sim/dlms/profile_objects.hpp"

#include <bit>

#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/axdr/length.hpp"

namespace jemhead::sim::dlms_server {

namespace {

using apdu::DataAccessResult;
using cosem::class_id::data;
using cosem::class_id::profile_generic;
using cosem::class_id::register_;

constexpr std::uint8_t kArrayTag = 0x01, kStructureTag = 0x02, kDoubleLongUnsignedTag = 0x06,
                       kOctetStringTag = 0x09, kFloat32Tag = 0x17;
constexpr std::uint8_t kSortFifo = 1;

std::optional<int> profile_index(const cosem::Obis& obis) {
  for (int i = 0; i < kLpProfiles; ++i)
    if (kLpObis[i] == obis) return i;
  return std::nullopt;
}

std::optional<int> recording_interval_profile(const cosem::Obis& o) {
  if (o == cosem::Obis{1, 0, 0, 8, 4, 255}) return 0;
  if (o == cosem::Obis{1, 0, 0, 8, 5, 255}) return 1;
  return std::nullopt;
}

// The capture object definitions, column by column.
std::vector<apdu::CaptureObjectDefinition> columns_of(const std::vector<LpChannel>& channels) {
  std::vector<apdu::CaptureObjectDefinition> out;
  out.push_back(apdu::kClockTimeCaptureObject);
  out.push_back({data, kLpStatusObis.bytes(), 2, 0});
  for (const auto& c : channels) out.push_back({register_, c.obis.bytes(), 2, 0});
  return out;
}

void put_u32(std::uint32_t v, apdu::Bytes& out) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

// Which entries and columns a read returns.
struct Selection {
  std::size_t first = 0, last = 0;   // entries [first, last)
  std::vector<std::size_t> columns;  // 0 = timestamp, 1 = status, 2 + j = channel j
};

// Encodes the selected part of the buffer as an array of structures.
apdu::Bytes encode_buffer(const LpBuffer& b, const Selection& s) {
  apdu::Bytes out;
  const std::size_t n = s.last > s.first ? s.last - s.first : 0;
  out.reserve(8 + n * (2 + s.columns.size() * 5 + 9));
  out.push_back(kArrayTag);
  axdr::encode_length(n, out);
  for (std::size_t i = s.first; i < s.first + n; ++i) {
    out.push_back(kStructureTag);
    axdr::encode_length(s.columns.size(), out);
    const auto values = b.values(i);
    for (std::size_t c : s.columns) {
      if (c == 0) {
        const auto when = axdr::from_utc(from_unix_micros(b.end(i) * 1'000'000),
                                         kClockTimeZoneMinutes, axdr::ClockStatus{0});
        const auto bytes = axdr::encode_date_time(when);
        out.push_back(kOctetStringTag);
        out.push_back(static_cast<std::uint8_t>(bytes.size()));
        out.insert(out.end(), bytes.begin(), bytes.end());
      } else if (c == 1) {
        out.push_back(kDoubleLongUnsignedTag);
        put_u32(b.status(i), out);
      } else {
        out.push_back(kFloat32Tag);
        put_u32(std::bit_cast<std::uint32_t>(values[c - 2]), out);
      }
    }
  }
  return out;
}

std::vector<std::size_t> all_columns(std::size_t channels) {
  std::vector<std::size_t> out(channels + 2);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

// Selector 1: entries whose end lies in [from, to]; nullopt = refused.
std::optional<Selection> by_range(const LpBuffer& b, const std::vector<LpChannel>& channels,
                                  const apdu::ByteView parameters) {
  const auto decoded = apdu::decode_range_descriptor(parameters);
  const auto* range = std::get_if<apdu::RangeDescriptor>(&decoded);
  if (!range || range->restricting_object != apdu::kClockTimeCaptureObject) return std::nullopt;
  std::optional<UtcTime> bounds[2];
  try {
    const apdu::Bytes* values[2] = {&range->from_value, &range->to_value};
    for (int i = 0; i < 2; ++i) {
      const auto when = axdr::date_time_of(axdr::decode(*values[i]));
      // An unspecified deviation is the meter's own zone: UTC in the simulator.
      bounds[i] =
          when.deviation_minutes() ? axdr::to_utc(when) : axdr::to_utc(when, kClockTimeZoneMinutes);
      if (!bounds[i]) return std::nullopt;
    }
  } catch (const axdr::AxdrError&) {
    return std::nullopt;
  }
  Selection s;
  const std::int64_t from_us = to_unix_micros(*bounds[0]), to_us = to_unix_micros(*bounds[1]);
  s.first = b.lower_bound(from_us >= 0 ? (from_us + 999'999) / 1'000'000 : from_us / 1'000'000);
  s.last = b.lower_bound(to_us / 1'000'000 + (to_us >= 0 ? 1 : 0));
  if (range->selected_values.empty()) {
    s.columns = all_columns(channels.size());
    return s;
  }
  const auto defined = columns_of(channels);
  for (const auto& wanted : range->selected_values) {
    std::size_t c = 0;
    while (c < defined.size() && !(defined[c] == wanted)) ++c;
    if (c == defined.size()) return std::nullopt;
    s.columns.push_back(c);
  }
  return s;
}

// Selector 2: 1-based entries and columns, 0 = to the last.
std::optional<Selection> by_entry(const LpBuffer& b, std::size_t channels,
                                  const apdu::ByteView parameters) {
  const auto decoded = apdu::decode_entry_descriptor(parameters);
  const auto* e = std::get_if<apdu::EntryDescriptor>(&decoded);
  const std::size_t columns = channels + 2;
  if (!e || e->from_entry == 0 || e->from_selected_value == 0 || e->from_selected_value > columns)
    return std::nullopt;
  Selection s;
  const std::size_t to = e->to_entry == 0 ? b.size() : std::min<std::size_t>(e->to_entry, b.size());
  s.first = std::min<std::size_t>(e->from_entry - 1, b.size());
  s.last = std::max(s.first, to);
  const std::size_t last_column =
      e->to_selected_value == 0 ? columns : std::min<std::size_t>(e->to_selected_value, columns);
  for (std::size_t c = e->from_selected_value - 1; c < last_column; ++c) s.columns.push_back(c);
  return s;
}

}  // namespace

axdr::Data capture_object_value(const apdu::CaptureObjectDefinition& d) {
  return axdr::Data::make_structure({
      axdr::Data::make_long_unsigned(d.class_id),
      axdr::Data::make_octet_string({d.logical_name.begin(), d.logical_name.end()}),
      axdr::Data::make_integer(d.attribute_index),
      axdr::Data::make_long_unsigned(d.data_index),
  });
}

bool is_load_profile(const apdu::CosemAttributeDescriptor& a) {
  return a.class_id == profile_generic && profile_index(cosem::Obis(a.instance_id)).has_value();
}

axdr::Data capture_objects_value(const std::vector<LpChannel>& channels) {
  std::vector<axdr::Data> out;
  for (const auto& d : columns_of(channels)) out.push_back(capture_object_value(d));
  return axdr::Data::make_array(std::move(out));
}

std::variant<apdu::Bytes, DataAccessResult> get_profile_attribute(
    SimMeter& meter, DlmsClient client, const apdu::CosemAttributeDescriptor& a,
    const std::optional<apdu::AccessSelection>& access, RealClock::time_point real_now) {
  const auto index = profile_index(cosem::Obis(a.instance_id));
  if (a.class_id != profile_generic || !index) return DataAccessResult::object_undefined;
  std::variant<apdu::Bytes, DataAccessResult> result = DataAccessResult::object_undefined;
  meter.read_load_profile(real_now, [&](const SimMeter::LoadProfileView& view) {
    const auto& p = view.recorder.profile(*index);
    if (!p.installed() || a.attribute_id < 1 || a.attribute_id > 8) return;
    // Public reads only identification and the clock (manual L6557-L6563).
    if (client == DlmsClient::public_client) {
      result = DataAccessResult::read_write_denied;
      return;
    }
    if (access && a.attribute_id != 2) {
      result = DataAccessResult::other_reason;
      return;
    }
    const LpBuffer& b = p.buffer;
    std::optional<axdr::Data> value;
    switch (a.attribute_id) {
      case 1:
        value = axdr::Data::make_octet_string({p.obis.bytes().begin(), p.obis.bytes().end()});
        break;
      case 2: {
        std::optional<Selection> s;
        if (!access)
          s = Selection{0, b.size(), all_columns(p.channels.size())};
        else if (access->selector == apdu::kRangeDescriptorSelector)
          s = by_range(b, p.channels, access->parameters);
        else if (access->selector == apdu::kEntryDescriptorSelector)
          s = by_entry(b, p.channels.size(), access->parameters);
        if (!s)
          result = DataAccessResult::other_reason;
        else
          result = encode_buffer(b, *s);
        return;
      }
      case 3: value = capture_objects_value(p.channels); break;
      case 4:
        value =
            axdr::Data::make_double_long_unsigned(static_cast<std::uint32_t>(p.capture_period_s()));
        break;
      case 5: value = axdr::Data::make_enum(kSortFifo); break;
      case 6: value = capture_object_value({0, {0, 0, 0, 0, 0, 0}, 0, 0}); break;
      case 7:
        value = axdr::Data::make_double_long_unsigned(static_cast<std::uint32_t>(b.size()));
        break;
      case 8:
        value = axdr::Data::make_double_long_unsigned(static_cast<std::uint32_t>(b.capacity()));
        break;
      default: break;
    }
    if (value) result = axdr::encode(*value);
  });
  return result;
}

std::optional<axdr::Data> recording_interval_value(const MeterSpec& spec, const cosem::Obis& obis) {
  const auto index = recording_interval_profile(obis);
  if (!index) return std::nullopt;
  const LoadProfileSpec defaults;
  const LoadProfileSpec& lp = spec.load_profile ? *spec.load_profile : defaults;
  const ProfileSpec& p = lp.profiles[static_cast<std::size_t>(*index)];
  const auto code = recording_interval_code(p.interval_minutes);
  if (p.channels.empty() || !code) return std::nullopt;
  return axdr::Data::make_double_long_unsigned(*code);
}

}  // namespace jemhead::sim::dlms_server
