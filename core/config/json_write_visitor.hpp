#pragma once
// Writes a described section as a JSON object: every field, always (a document on the
// wire is complete, so diffs and read-backs never depend on omitted defaults).
#include <boost/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

template <class T>
boost::json::value leaf_to_json(const T& value) {
  if constexpr (std::is_enum_v<T>) {
    return boost::json::string(to_text(value));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return boost::json::string(value);
  } else {
    return boost::json::value(value);
  }
}

class JsonWriteVisitor : public FieldVisitor<JsonWriteVisitor> {
 public:
  explicit JsonWriteVisitor(boost::json::object& out) : out_(out) {}

  template <class T>
  void on_field(std::string_view name, const T& value, const FieldMeta&) {
    out_[name] = leaf_to_json(value);
  }
  template <class S>
  void on_section(std::string_view name, const S& value, const FieldMeta&) {
    out_[name] = write(value);
  }
  template <class T>
  void on_list(std::string_view name, const std::vector<T>& items, const FieldMeta&) {
    out_[name] = write_list(items);
  }

  template <class S>
  static boost::json::object write(const S& section) {
    boost::json::object obj;
    JsonWriteVisitor w(obj);
    describe_fields(section, w);
    return obj;
  }
  template <class T>
  static boost::json::array write_list(const std::vector<T>& items) {
    boost::json::array arr;
    arr.reserve(items.size());
    for (const auto& item : items) arr.push_back(write(item));
    return arr;
  }

 private:
  boost::json::object& out_;
};

}  // namespace jemhead::config
