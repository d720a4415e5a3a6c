#pragma once
// JSON Schema (draft 2020-12) from the descriptions. It runs over default-constructed
// sections, so the value each field holds is the factory default and becomes "default".
// Objects are closed (additionalProperties: false) and nothing is "required": a missing
// key takes its factory default.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/json_write_visitor.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

class SchemaVisitor : public FieldVisitor<SchemaVisitor> {
 public:
  explicit SchemaVisitor(boost::json::object& properties) : properties_(properties) {}

  template <class S>
  static boost::json::object object_schema(const S& section) {
    boost::json::object schema;
    schema["type"] = "object";
    boost::json::object properties;
    SchemaVisitor v(properties);
    describe_fields(section, v);
    schema["properties"] = std::move(properties);
    schema["additionalProperties"] = false;
    return schema;
  }

  template <class T>
  void on_field(std::string_view name, const T& value, const FieldMeta& meta) {
    boost::json::object s;
    if constexpr (std::is_same_v<T, bool>) {
      s["type"] = "boolean";
    } else if constexpr (std::is_same_v<T, int>) {
      s["type"] = "integer";
    } else if constexpr (std::is_same_v<T, double>) {
      s["type"] = "number";
    } else if constexpr (std::is_same_v<T, std::string>) {
      s["type"] = "string";
      if (meta.max_length) s["maxLength"] = meta.max_length->max;
    } else {
      s["type"] = "string";
      boost::json::array names;
      for (const auto& [v, n] : EnumText<T>::names) names.emplace_back(n);
      s["enum"] = std::move(names);
    }
    if constexpr (std::is_same_v<T, int> || std::is_same_v<T, double>) {
      if (meta.range) {
        s["minimum"] = number<T>(meta.range->min);
        s["maximum"] = number<T>(meta.range->max);
      }
      if (meta.step) s["multipleOf"] = meta.step->step;
      if (meta.allowed) {
        boost::json::array values;
        for (double a : meta.allowed->values) values.push_back(number<T>(a));
        s["enum"] = std::move(values);
      }
    }
    s["default"] = leaf_to_json(value);
    annotate(s, meta);
    properties_[name] = std::move(s);
  }
  template <class S>
  void on_section(std::string_view name, const S& value, const FieldMeta& meta) {
    auto s = object_schema(value);
    annotate(s, meta);
    properties_[name] = std::move(s);
  }
  template <class T>
  void on_list(std::string_view name, const std::vector<T>& items, const FieldMeta& meta) {
    boost::json::object s;
    s["type"] = "array";
    if (meta.count) {
      s["minItems"] = meta.count->min;
      s["maxItems"] = meta.count->max;
    }
    s["items"] = object_schema(T{});
    s["default"] = JsonWriteVisitor::write_list(items);
    annotate(s, meta);
    properties_[name] = std::move(s);
  }

 private:
  // Limits of integer fields are written as integers (20, not 20.0).
  template <class T>
  static boost::json::value number(double v) {
    if constexpr (std::is_same_v<T, int>) {
      return static_cast<std::int64_t>(v);
    } else {
      return v;
    }
  }

  // The description, with the manual reference appended so the published schema cites it.
  static void annotate(boost::json::object& s, const FieldMeta& meta) {
    std::string d(meta.doc);
    if (!meta.seed.empty()) {
      if (!d.empty()) d += ' ';
      d += "(manual ";
      d += meta.seed;
      d += ')';
    }
    if (!d.empty()) s["description"] = d;
  }

  boost::json::object& properties_;
};

}  // namespace jemhead::config
