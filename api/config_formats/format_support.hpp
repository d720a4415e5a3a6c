#pragma once
// What the YAML and XML forms of a configuration share: limits on hostile input, the
// text of JSON numbers, and reading untyped text back into a JSON value. Both forms are
// translations of the JSON document (config::to_json / config::from_json), so a new
// section or field needs no change here.
#include <boost/json/value.hpp>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config::formats {

// A configuration document is tens of kilobytes; 4 MiB leaves room for every list at its
// manual maximum and stops a caller from making us parse gigabytes.
inline constexpr std::size_t kMaxTextBytes = 4 * 1024 * 1024;
// The document nests about six levels; 64 rejects deliberately deep input early, before
// any recursion (the parsers' own or ours) can exhaust the stack.
inline constexpr int kMaxDepth = 64;
// Values (containers and scalars) one document may hold.
inline constexpr std::size_t kMaxValues = 1'000'000;

// "15", "-3", "600.0", "1e-06", ".inf": the shortest text that reads back to the same
// number, doubles always with a '.', an exponent or an infinity so they stay doubles.
std::string number_text(const boost::json::value& number);

// Reverses number_text (and accepts any integer or decimal spelling). nullopt when the
// text is not a whole number; NaN is refused (it is no configuration value).
std::optional<boost::json::value> parse_int(std::string_view text);
std::optional<boost::json::value> parse_double(std::string_view text);

// Untyped text (a plain YAML scalar, an XML leaf without a type): true/false, null,
// a number, else the text itself.
boost::json::value infer_scalar(std::string_view text);

// The code point at s[i] (advancing i past it), or -1 for bytes that are not UTF-8
// (overlong, surrogate, beyond U+10FFFF, truncated; i then moves past one byte at least).
long next_code_point(std::string_view s, std::size_t& i);
bool valid_utf8(std::string_view s);

// Joins message parts (no `"literal" + std::string`: GCC 12 -Wrestrict false positives).
inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

// One problem at path "" with rule "syntax", as from_json_text reports a JSON syntax error.
ReadResult syntax_error(std::string message);

// Too-large input, checked before any parsing; nullopt when the size is fine.
std::optional<ReadResult> check_size(std::string_view text);

}  // namespace jemhead::config::formats
