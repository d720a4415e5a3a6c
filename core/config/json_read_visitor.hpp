#pragma once
// Reads a described section from a JSON object into a section that already holds the
// manual's factory defaults: a missing key keeps its default, a key the description does
// not know is reported ("unknown_key"), a value of the wrong JSON type is reported ("type")
// and the field keeps its default, an enumeration text that is not allowed is reported
// ("enum"). Range, length and count limits are the validator's job, so a document read
// with out-of-range values still round-trips and every problem is reported together.
#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "core/config/config_problem.hpp"
#include "core/config/field_visitor.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

class JsonReadVisitor : public FieldVisitor<JsonReadVisitor> {
 public:
  JsonReadVisitor(const boost::json::object& in, std::string path, Problems& problems)
      : in_(in), path_(std::move(path)), problems_(problems) {}

  template <class S>
  static void read(const boost::json::value& in, S& section, const std::string& path,
                   Problems& problems, std::string_view seed = {}) {
    const auto* obj = in.if_object();
    if (!obj) {
      type_problem(problems, path, "an object", seed);
      return;
    }
    JsonReadVisitor r(*obj, path, problems);
    describe_fields(section, r);
    r.report_unknown_keys();
  }

  template <class T>
  void on_field(std::string_view name, T& value, const FieldMeta& meta) {
    const auto* v = take(name);
    if (!v) return;
    read_leaf(*v, value, child_path(path_, name), meta);
  }
  template <class S>
  void on_section(std::string_view name, S& value, const FieldMeta& meta) {
    const auto* v = take(name);
    if (!v) return;
    read(*v, value, child_path(path_, name), problems_, meta.seed);
  }
  template <class T>
  void on_list(std::string_view name, std::vector<T>& items, const FieldMeta& meta) {
    const auto* v = take(name);
    if (!v) return;
    const auto path = child_path(path_, name);
    const auto* arr = v->if_array();
    if (!arr) {
      type_problem(problems_, path, "an array", meta.seed);
      return;
    }
    // Each entry starts from a default entry, so partial entries take the defaults too.
    std::vector<T> read_items;
    read_items.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
      T item{};
      read((*arr)[i], item, item_path(path, i), problems_, meta.seed);
      read_items.push_back(std::move(item));
    }
    items = std::move(read_items);
  }

 private:
  const boost::json::value* take(std::string_view name) {
    seen_.insert(std::string(name));
    return in_.if_contains(name);
  }

  void report_unknown_keys() {
    for (const auto& kv : in_) {
      if (seen_.count(std::string(kv.key())) == 0) {
        problems_.push_back(
            {child_path(path_, kv.key()), "unknown_key", "not a field of this section", ""});
      }
    }
  }

  static void type_problem(Problems& problems, const std::string& path, std::string_view want,
                           std::string_view seed) {
    std::string msg = "expected ";
    msg += want;
    problems.push_back({path, "type", std::move(msg), std::string(seed)});
  }

  template <class T>
  void read_leaf(const boost::json::value& v, T& value, const std::string& path,
                 const FieldMeta& meta) {
    if constexpr (std::is_same_v<T, bool>) {
      if (const auto* b = v.if_bool()) {
        value = *b;
        return;
      }
      type_problem(problems_, path, "true or false", meta.seed);
    } else if constexpr (std::is_same_v<T, int>) {
      if (v.is_int64() && v.get_int64() >= std::numeric_limits<int>::min() &&
          v.get_int64() <= std::numeric_limits<int>::max()) {
        value = static_cast<int>(v.get_int64());
        return;
      }
      if (v.is_uint64() && v.get_uint64() <= std::numeric_limits<int>::max()) {
        value = static_cast<int>(v.get_uint64());
        return;
      }
      type_problem(problems_, path, "a whole number", meta.seed);
    } else if constexpr (std::is_same_v<T, double>) {
      if (v.is_number()) {
        boost::system::error_code ec;
        const double d = v.to_number<double>(ec);
        if (!ec && std::isfinite(d)) {
          value = d;
          return;
        }
      }
      type_problem(problems_, path, "a number", meta.seed);
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (const auto* s = v.if_string()) {
        value = std::string(*s);
        return;
      }
      type_problem(problems_, path, "a string", meta.seed);
    } else {
      static_assert(std::is_enum_v<T>, "describe(): unsupported field type");
      const auto* s = v.if_string();
      if (!s) {
        type_problem(problems_, path, "a string", meta.seed);
        return;
      }
      if (auto e = from_text<T>(std::string_view(*s))) {
        value = *e;
        return;
      }
      std::string msg = "one of: ";
      msg += allowed_texts<T>();
      problems_.push_back({path, "enum", std::move(msg), std::string(meta.seed)});
    }
  }

  const boost::json::object& in_;
  std::string path_;
  Problems& problems_;
  std::set<std::string> seen_;
};

}  // namespace jemhead::config
