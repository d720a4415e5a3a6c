#include "sim/load_profile/lp_truth_json.hpp"

#include <boost/json.hpp>

#include "core/enum_text.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"

namespace jemhead::sim {

namespace json = boost::json;

namespace {

const char* source_name(LpSource s) {
  switch (s) {
    case LpSource::consumption: return "consumption";
    case LpSource::average: return "average";
    default: return "zero";
  }
}

json::array channels_json(const std::vector<LpChannel>& channels) {
  json::array out;
  std::size_t n = 0;
  for (const auto& c : channels) {
    const auto unit = dlms::cosem::nominal_unit(c.entry->quantity, c.entry->kind);
    out.push_back(json::object{
        {"channel", ++n},
        {"obis", c.obis.to_string()},
        {"description", c.entry->description},
        {"source", source_name(c.source)},
        {"unit", unit ? std::string(dlms::cosem::unit_symbol(*unit)) : std::string()},
    });
  }
  return out;
}

std::vector<LpChannel> resolved(const ProfileSpec& p) {
  std::vector<LpChannel> out;
  for (const auto& obis : p.channels) {
    auto r = resolve_lp_channel(obis);
    if (auto* c = std::get_if<LpChannel>(&r)) out.push_back(*c);
  }
  return out;
}

json::array spans_json(const std::vector<TimeSpan>& spans) {
  json::array out;
  for (const auto& s : spans)
    out.push_back(json::object{{"from", format_iso8601(s.from)}, {"to", format_iso8601(s.to)}});
  return out;
}

}  // namespace

json::object lp_layout_json(const MeterSpec& spec) {
  const LoadProfileSpec defaults;
  const LoadProfileSpec& lp = spec.load_profile ? *spec.load_profile : defaults;
  json::array profiles;
  for (int i = 0; i < kLpProfiles; ++i) {
    const ProfileSpec& p = lp.profiles[static_cast<std::size_t>(i)];
    const auto channels = resolved(p);
    profiles.push_back(json::object{
        {"profile", i + 1},
        {"obis", kLpObis[i].to_string()},
        {"installed", !channels.empty()},
        {"capture_period_s", p.interval_minutes * 60},
        {"recording_interval_code", recording_interval_code(p.interval_minutes).value_or(0)},
        {"profile_entries", channels.empty() ? 0 : profile_entries(channels.size())},
        {"channels", channels_json(channels)},
    });
  }
  return json::object{{"profiles", std::move(profiles)},
                      {"units", "primary"},
                      {"outages", spans_json(lp.outages)},
                      {"dst", spans_json(lp.dst)}};
}

json::object lp_intervals_json(const SimMeter::LoadProfileView& view, int profile_index,
                               std::optional<UtcTime> from, std::optional<UtcTime> to) {
  const auto& p = view.recorder.profile(profile_index);
  const LpBuffer& b = p.buffer;
  const std::int64_t lo =
      from ? (to_unix_micros(*from) + 999'999) / 1'000'000 : INT64_MIN;  // ceil for >=
  const std::int64_t hi = to ? to_unix_micros(*to) / 1'000'000 : INT64_MAX;
  json::array intervals;
  for (std::size_t i = b.lower_bound(lo); i < b.size() && b.end(i) <= hi; ++i) {
    json::array values;
    for (float v : b.values(i)) values.push_back(static_cast<double>(v));
    intervals.push_back(json::object{
        {"end", format_iso8601(from_unix_micros(b.end(i) * 1'000'000))},
        {"status", b.status(i)},
        {"values", std::move(values)},
    });
  }
  return json::object{
      {"profile", profile_index + 1},
      {"obis", p.obis.to_string()},
      {"simulated_time", format_iso8601(view.simulated)},
      {"meter_time", format_iso8601(view.meter_time)},
      {"capture_period_s", p.capture_period_s()},
      {"profile_entries", b.capacity()},
      {"entries_in_use", b.size()},
      {"channels", channels_json(p.channels)},
      {"intervals", std::move(intervals)},
  };
}

}  // namespace jemhead::sim
