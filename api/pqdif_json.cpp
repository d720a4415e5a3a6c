#include "api/pqdif_json.hpp"

#include <boost/json.hpp>

#include "core/json_values.hpp"
#include "core/pqdif_file_name.hpp"

namespace jemhead::api {

namespace json = boost::json;

json::object pqdif_file_json(const PqdifStoredFile& f,
                             const std::optional<std::string>& meter_serial) {
  json::array type_names;
  if (f.data_type)
    for (auto& name : pqdif_data_type_names(*f.data_type)) type_names.emplace_back(name);
  // The serial the file name claims, so a file without a meter shows why it has none.
  const auto name = parse_pqdif_file_name(f.file_name);
  json::object o;
  o["id"] = f.id;
  o["meter_id"] = json_or_null(f.meter_id);
  o["meter_serial"] = json_or_null(meter_serial);
  o["file_name"] = f.file_name;
  o["name_serial"] = name ? json::value(name->serial) : json::value(nullptr);
  o["sha256"] = f.sha256;
  o["size_bytes"] = f.size_bytes;
  o["data_type"] = json_or_null(f.data_type);
  o["data_type_names"] = std::move(type_names);
  o["file_time"] = iso8601_or_null(f.file_time);
  o["received_at"] = format_iso8601(f.received_at);
  o["source"] = to_text(f.source);
  o["compressed"] = json_or_null(f.parse.compressed);
  o["parse_status"] = to_text(f.parse.status);
  o["parse_error"] = f.parse.error;
  o["observation_count"] = json_or_null(f.parse.observation_count);
  o["first_observation"] = iso8601_or_null(f.parse.first_observation);
  o["last_observation"] = iso8601_or_null(f.parse.last_observation);
  o["download"] = "/api/v1/pqdif/" + std::to_string(f.id) + "/download";
  return o;
}

}  // namespace jemhead::api
