#include "core/pqdif/element_json.hpp"

#include <boost/json/array.hpp>
#include <cmath>

namespace jemhead::pqdif {

namespace json = boost::json;

namespace {

bool is_text(PhysicalType t) {
  return t == PhysicalType::char1 || t == PhysicalType::char2;
}

json::value number(double d) {
  if (std::isfinite(d)) return d;
  return std::isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");  // JSON has none
}

json::object guid_json(const Guid& g, const GuidNamer& names) {
  json::object o{{"guid", g.to_string()}};
  if (names) {
    const auto name = names(g);
    if (!name.empty()) o["name"] = name;
  }
  return o;
}

}  // namespace

json::value value_json(const Values& values, std::size_t i) {
  switch (values.type) {
    case PhysicalType::char1:
    case PhysicalType::char2: return json::string(values.text());
    case PhysicalType::guid: return json::string(values.guid(i).to_string());
    case PhysicalType::timestamp: {
      const auto t = values.timestamp(i);
      if (const auto utc = to_utc(t)) return json::string(format_iso8601(*utc));
      return json::object{{"days", t.days}, {"seconds", number(t.seconds)}};
    }
    case PhysicalType::complex8:
    case PhysicalType::complex16: {
      const auto c = values.complex(i);
      return json::array{number(c.real()), number(c.imag())};
    }
    case PhysicalType::real4:
    case PhysicalType::real8: return number(values.real(i));
    default: return values.integer(i);
  }
}

json::object element_json(const Element& element, const GuidNamer& names,
                          const ElementJsonOptions& options) {
  json::object out = guid_json(element.tag, names);
  out["type"] = to_text(element.type);
  if (element.type == ElementType::collection) {
    json::array children;
    for (const auto& child : element.children)
      children.push_back(element_json(child, names, options));
    out["children"] = std::move(children);
    return out;
  }
  const Values& v = element.values;
  out["physical_type"] = to_text(v.type);
  if (is_text(v.type)) {
    out["value"] = value_json(v, 0);
    return out;
  }
  if (element.type == ElementType::scalar) {
    out["value"] = value_json(v, 0);
    if (v.type == PhysicalType::guid && names) {
      const auto name = names(v.guid(0));
      if (!name.empty()) out["value_name"] = name;
    }
    return out;
  }
  out["count"] = v.count;
  const std::size_t shown =
      options.max_values == 0 ? v.count : std::min<std::size_t>(v.count, options.max_values);
  json::array values;
  values.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) values.push_back(value_json(v, i));
  out["values"] = std::move(values);
  if (shown < v.count) out["truncated"] = true;
  return out;
}

}  // namespace jemhead::pqdif
