#include "api/pqdif_content_json.hpp"

#include <cmath>

#include "core/json_values.hpp"
#include "core/pqdif/tags.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

json::value name_or_null(std::string_view name) {
  if (name.empty()) return nullptr;
  return json::string(name);
}

json::value guid_name(const std::string& text, std::string_view (*lookup)(const pqdif::Guid&)) {
  const auto guid = pqdif::Guid::parse(text);
  return guid ? name_or_null(lookup(*guid)) : json::value(nullptr);
}

// The channel instance's own fields, from its first series row (every row carries them).
json::object channel_json(const PqdifSeriesRow& s) {
  json::object c;
  c["channel"] = s.channel_index;
  c["name"] = s.channel_name;
  c["phase"] = name_or_null(pqdif::phase_name(s.phase));
  c["phase_id"] = s.phase;
  c["quantity_type"] = s.quantity_type;
  c["quantity_type_name"] = guid_name(s.quantity_type, pqdif::quantity_type_name);
  if (s.quantity_measured) {
    c["quantity_measured"] = name_or_null(pqdif::quantity_measured_name(*s.quantity_measured));
    c["quantity_measured_id"] = *s.quantity_measured;
  } else {
    c["quantity_measured"] = nullptr;
    c["quantity_measured_id"] = nullptr;
  }
  c["group_id"] = json_or_null(s.channel_group_id);
  return c;
}

}  // namespace

json::object pqdif_observation_json(const PqdifObservationRow& o) {
  json::object j;
  j["index"] = o.index_in_file;
  j["name"] = o.name;
  j["data_source"] = o.data_source_name;
  j["time_start"] = format_iso8601(o.time_start);
  j["time_create"] = format_iso8601(o.time_create);
  j["time_triggered"] = iso8601_or_null(o.time_triggered);
  j["trigger_method"] = name_or_null(pqdif::trigger_method_name(o.trigger_method));
  j["trigger_method_id"] = o.trigger_method;
  j["channel_count"] = o.channel_count;
  return j;
}

json::object pqdif_series_json(const PqdifSeriesRow& s) {
  json::object j;
  j["channel"] = s.channel_index;
  j["series"] = s.series_index;
  j["channel_name"] = s.channel_name;
  j["value_type"] = s.value_type;
  j["value_type_name"] = guid_name(s.value_type, pqdif::value_type_name);
  j["units"] = name_or_null(pqdif::units_name(s.units));
  j["units_id"] = s.units;
  j["characteristic"] = s.characteristic;
  j["characteristic_name"] = guid_name(s.characteristic, pqdif::characteristic_name);
  j["storage_method"] = s.storage_method;
  j["shared_from"] = json_or_null(s.shared_from);
  j["value_count"] = s.value_count;
  return j;
}

json::object pqdif_observation_listing_json(const PqdifObservationRow& o) {
  auto j = pqdif_observation_json(o);
  json::array channels;
  const PqdifSeriesRow* current = nullptr;
  for (const auto& s : o.series) {
    if (!current || current->channel_index != s.channel_index) {
      auto c = channel_json(s);
      c["series"] = json::array();
      channels.push_back(std::move(c));
      current = &s;
    }
    auto series = pqdif_series_json(s);
    // Inside its channel: the channel's fields need not be repeated.
    series.erase("channel");
    series.erase("channel_name");
    channels.back().as_object()["series"].as_array().push_back(std::move(series));
  }
  j["channels"] = std::move(channels);
  return j;
}

json::array pqdif_values_json(const std::vector<double>& values) {
  json::array out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v))
      out.push_back(v);
    else
      out.push_back(nullptr);
  }
  return out;
}

}  // namespace jemhead::api
