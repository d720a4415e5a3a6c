#include "core/pqdif/element_text.hpp"

#include <boost/json/serialize.hpp>
#include <string>

namespace jemhead::pqdif {

namespace {

std::string guid_text(const Guid& g, const GuidNamer& names) {
  if (names) {
    const auto name = names(g);
    if (!name.empty()) return std::string(name);
  }
  return g.to_string();
}

// Strings unquoted-looking JSON is what people expect for numbers and text alike.
std::string value_text(const Values& v, std::size_t i) {
  const auto value = value_json(v, i);
  if (value.is_string()) return std::string(value.as_string());
  return boost::json::serialize(value);
}

}  // namespace

void write_element_text(std::ostream& out, const Element& element, const GuidNamer& names,
                        std::size_t max_values, int indent) {
  out << std::string(static_cast<std::size_t>(indent), ' ') << guid_text(element.tag, names);
  if (element.type == ElementType::collection) {
    out << " (" << element.children.size() << ")\n";
    for (const auto& child : element.children)
      write_element_text(out, child, names, max_values, indent + 2);
    return;
  }
  const Values& v = element.values;
  out << " " << to_text(v.type);
  if (v.type == PhysicalType::char1 || v.type == PhysicalType::char2) {
    out << " \"" << v.text() << "\"\n";
    return;
  }
  if (element.type == ElementType::scalar) {
    out << " = " << value_text(v, 0);
    if (v.type == PhysicalType::guid && names) {
      const auto name = names(v.guid(0));
      if (!name.empty()) out << " (" << name << ")";
    }
    out << "\n";
    return;
  }
  out << "[" << v.count << "] =";
  const std::size_t shown = max_values == 0 ? v.count : std::min<std::size_t>(v.count, max_values);
  for (std::size_t i = 0; i < shown; ++i) out << " " << value_text(v, i);
  if (shown < v.count) out << " ...";
  out << "\n";
}

}  // namespace jemhead::pqdif
