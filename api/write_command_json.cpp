#include "api/write_command_json.hpp"

#include "api/json_reader.hpp"

namespace jemhead::api {

namespace json = boost::json;

std::optional<std::string> name_or_number(const json::value* v) {
  if (!v) return std::nullopt;
  if (const auto* s = v->if_string(); s && !s->empty() && s->size() <= 128) return std::string(*s);
  if (const auto* i = v->if_int64(); i && *i > 0) return std::to_string(*i);
  if (const auto* u = v->if_uint64(); u && *u > 0 && *u < 100000) return std::to_string(*u);
  return std::nullopt;
}

namespace {

// The reader of item `i` of `list` (its fields are "<list>/<i>/<field>"), or nullopt, with
// the error, when the item is not an object.
std::optional<JsonReader> item_reader(const json::value& item, const std::string& list,
                                      std::size_t i, Validation& errors) {
  std::string path = list;
  path += '/';
  path += std::to_string(i);
  const auto* o = item.if_object();
  if (!o) {
    errors.fail(path, "must be an object");
    return std::nullopt;
  }
  return std::optional<JsonReader>(std::in_place, *o, path + "/", errors);
}

}  // namespace

std::optional<drivers::RegisterPreset> preset_item(const json::value& item, const std::string& list,
                                                   std::size_t i, Validation& errors) {
  auto read = item_reader(item, list, i, errors);
  if (!read) return std::nullopt;
  auto& reader = *read;
  const auto point = name_or_number(reader.raw("point"));
  const auto* value = reader.raw("value");
  reader.finish();
  if (!point) errors.fail(reader.path("point"), "must be a point number or name");
  if (!value || !value->is_number()) {
    errors.fail(reader.path("value"), "must be a number");
    return std::nullopt;
  }
  if (!point) return std::nullopt;
  return drivers::RegisterPreset{*point, value->to_number<double>()};
}

std::optional<drivers::OutputCommand> output_item(const json::value& item, const std::string& list,
                                                  std::size_t i, Validation& errors,
                                                  const char* output_error) {
  auto read = item_reader(item, list, i, errors);
  if (!read) return std::nullopt;
  auto& reader = *read;
  const auto output = name_or_number(reader.raw("output"));
  const auto* on = reader.raw("on");
  reader.finish();
  if (!output) errors.fail(reader.path("output"), output_error);
  if (!on || !on->is_bool()) {
    errors.fail(reader.path("on"), "must be true or false");
    return std::nullopt;
  }
  if (!output) return std::nullopt;
  return drivers::OutputCommand{*output, on->as_bool()};
}

}  // namespace jemhead::api
