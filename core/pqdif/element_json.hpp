#pragma once
// The element tree as JSON, for `jemhead pqdif dump --json` and for people reading a file
// nobody here wrote: every element with its tag (and the tag's name when the standard
// names it), its type and its values, generically, so any PQDIF file can be shown.
#include <boost/json/object.hpp>
#include <functional>
#include <string_view>

#include "core/pqdif/element.hpp"

namespace jemhead::pqdif {

// The standard's name of a tag or identifier GUID, or "" when unknown.
using GuidNamer = std::function<std::string_view(const Guid&)>;

struct ElementJsonOptions {
  // Vectors longer than this show their first `max_values` values and "truncated": true;
  // 0 shows every value.
  std::size_t max_values = 0;
};

boost::json::object element_json(const Element& element, const GuidNamer& names,
                                 const ElementJsonOptions& options = {});

// One value as JSON: numbers as numbers (complex as [re, im]), text as a string,
// timestamps as ISO 8601 UTC (or {days, seconds} when out of range), GUIDs as text.
boost::json::value value_json(const Values& values, std::size_t i);

}  // namespace jemhead::pqdif
