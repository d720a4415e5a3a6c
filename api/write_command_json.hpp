#pragma once
// Register presets and output commands in request bodies, as both the direct write routes
// (POST /meters/{id}/presets, /outputs) and configuration pushes take them.
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>

#include "core/validation.hpp"
#include "drivers/driver.hpp"

namespace jemhead::api {

// "point"/"output" may be given as a number or a name.
std::optional<std::string> name_or_number(const boost::json::value* v);

// Item `i` of the list `list`: {"point", "value"}; nullopt, with the errors (paths
// "<list>/<i>/<field>"), when it is not valid.
std::optional<drivers::RegisterPreset> preset_item(const boost::json::value& item,
                                                   const std::string& list, std::size_t i,
                                                   Validation& errors);
// Item `i` of the list `list`: {"output", "on"}; `output_error` is what a bad "output" is
// told (each route keeps its wording).
std::optional<drivers::OutputCommand> output_item(const boost::json::value& item,
                                                  const std::string& list, std::size_t i,
                                                  Validation& errors, const char* output_error);

}  // namespace jemhead::api
