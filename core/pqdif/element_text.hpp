#pragma once
// The element tree as indented text, for `jemhead pqdif dump`: one line per element with
// its tag's name (or GUID), type and values; long vectors show their first values.
#include <ostream>

#include "core/pqdif/element_json.hpp"

namespace jemhead::pqdif {

// `max_values` as in ElementJsonOptions (0 = all). Each line starts with `indent` spaces.
void write_element_text(std::ostream& out, const Element& element, const GuidNamer& names,
                        std::size_t max_values, int indent = 0);

}  // namespace jemhead::pqdif
