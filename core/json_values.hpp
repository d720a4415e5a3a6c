#pragma once
// The two ways an API or webhook body shows a value that may be absent or is a list of
// enums, written once: absent is null, a time is ISO 8601, an enum list is the array of
// its names (core/enum_text.hpp).
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <vector>

#include "core/enum_text.hpp"
#include "core/time.hpp"

namespace jemhead {

template <typename T>
boost::json::value json_or_null(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

inline boost::json::value iso8601_or_null(const std::optional<UtcTime>& t) {
  return t ? boost::json::value(format_iso8601(*t)) : boost::json::value(nullptr);
}

template <typename E>
boost::json::array enum_names_json(const std::vector<E>& values) {
  boost::json::array names;
  for (const auto v : values) names.emplace_back(to_text(v));
  return names;
}

}  // namespace jemhead
