#pragma once
// Reading a connection profile's `options` JSON in a driver: the document (bounded in size
// and depth, an object) and the common kinds of field. Every problem is recorded in the
// Validation under "options/<name>", so a profile shows all its mistakes at once; secrets
// (passwords) are read like any text but never quoted in a message.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/connection_profile.hpp"
#include "core/validation.hpp"

namespace jemhead::drivers {

// The options object, or nullopt (with the reason in `v`) when it is too large, not JSON
// or not an object. Empty options are {}.
std::optional<boost::json::object> parse_profile_options(const ConnectionProfile& profile,
                                                         Validation& v);

// "options/<key>" (a long key cut to 64 bytes).
std::string option_field(std::string_view key);

// Text of at most 1,024 bytes.
void read_text_option(const boost::json::value& value, const std::string& field, Validation& v,
                      std::string& out);
void read_bool_option(const boost::json::value& value, const std::string& field, Validation& v,
                      bool& out);
// An integer of at least `minimum`.
void read_count_option(const boost::json::value& value, const std::string& field, Validation& v,
                       std::uint64_t minimum, std::uint64_t& out);

}  // namespace jemhead::drivers
