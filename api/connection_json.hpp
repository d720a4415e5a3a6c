#pragma once
// Connection profiles as JSON: the fields of core/connection_profile.hpp, `protocol` and
// `transport` by their text names, `options` as a JSON object (secrets redacted on output).
#include <boost/json/object.hpp>
#include <string_view>

#include "core/connection_profile.hpp"

namespace jemhead::api {

inline constexpr std::size_t kConnectionOptionsMaxBytes = 8192;

boost::json::object to_json(const ConnectionProfile& p);

// As apply_json for meters: unknown fields, wrong types, unknown protocol/transport names
// and numbers that do not fit are recorded in `errors`. id and meter_id are ignored (the
// path says which meter). A "***" secret in options takes its value from
// `previous_options_json` (the stored profile's options on update).
void apply_json(const boost::json::object& body, ConnectionProfile& target, Validation& errors,
                std::string_view previous_options_json = "{}");

// Parse + apply on top of `base` + validate(): the decoded profile, or ApiError.
ConnectionProfile decode_connection(std::string_view body, ConnectionProfile base,
                                    std::string_view previous_options_json = "{}");

}  // namespace jemhead::api
