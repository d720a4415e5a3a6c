#pragma once
// Meters and groups as JSON. Field names are the C++ field names of core/meter.hpp; times
// are ISO 8601 UTC strings with microseconds; responses always carry all ten
// identification fields, requests may give fewer (the rest keep their current value).
#include <boost/json/object.hpp>
#include <string_view>

#include "core/meter.hpp"

namespace jemhead::api {

boost::json::object to_json(const Meter& m);
boost::json::object to_json(const Group& g);

// Applies the fields present in `body` on top of `target`: unknown fields, wrong types
// and numbers that do not fit are recorded in `errors`. Server-assigned fields (id,
// created_at, updated_at) are accepted and ignored, so a GET result can be PUT back.
void apply_json(const boost::json::object& body, Meter& target, Validation& errors);
void apply_json(const boost::json::object& body, Group& target, Validation& errors);

// Parse, apply on top of `base`, then run core validate(): the decoded value, or ApiError
// (400 malformed JSON, 422 naming every bad field). What the API runs on every write
// body, and what the fuzz target feeds.
Meter decode_meter(std::string_view body, Meter base);
Group decode_group(std::string_view body, Group base);

}  // namespace jemhead::api
