#pragma once
// Meters and groups as JSON. Field names are the C++ field names of core/meter.hpp; times
// are ISO 8601 UTC strings with microseconds; responses always carry all ten
// identification fields, requests may give fewer (the rest keep their current value).
// `schedules` is a JSON object (kind -> schedule spec) checked by the engine's rules.
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "core/meter.hpp"
#include "core/records.hpp"

namespace jemhead::api {

boost::json::object to_json(const Meter& m);
boost::json::object to_json(const Group& g);
// A meter as the API shows it: to_json(m) plus "health" (no record = healthy, never failed).
// Kept apart from to_json(m) so audit diffs compare configuration only.
boost::json::object to_json(const Meter& m, const std::optional<MeterHealth>& health);
boost::json::object to_json(const std::optional<MeterHealth>& health);

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
