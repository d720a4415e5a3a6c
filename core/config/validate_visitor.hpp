#pragma once
// Checks every described field against its own limits: numeric ranges, steps and allowed
// values, string lengths, list counts and enumerations. Rules that tie fields together
// live in the *_rules.cpp files, each with its own name and manual reference.
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "core/config/config_problem.hpp"
#include "core/config/field_visitor.hpp"
#include "core/config/number_text.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

class ValidateVisitor : public FieldVisitor<ValidateVisitor> {
 public:
  ValidateVisitor(std::string path, Problems& problems)
      : path_(std::move(path)), problems_(problems) {}

  template <class S>
  static void check(const S& section, const std::string& path, Problems& problems) {
    ValidateVisitor v(path, problems);
    describe_fields(section, v);
  }

  template <class T>
  void on_field(std::string_view name, const T& value, const FieldMeta& meta) {
    const auto path = child_path(path_, name);
    if constexpr (std::is_same_v<T, int> || std::is_same_v<T, double>) {
      check_number(path, static_cast<double>(value), meta);
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (meta.max_length && utf8_length(value) > meta.max_length->max) {
        std::string msg = "at most ";
        msg += std::to_string(meta.max_length->max);
        msg += " characters";
        add(path, "max_length", std::move(msg), meta);
      }
    } else if constexpr (std::is_enum_v<T>) {
      // Only a value built in code (a cast) can miss: the reader refuses unknown texts.
      if (to_text(value) == "?") {
        std::string msg = "one of: ";
        msg += allowed_texts<T>();
        add(path, "enum", std::move(msg), meta);
      }
    }
  }
  template <class S>
  void on_section(std::string_view name, const S& value, const FieldMeta&) {
    check(value, child_path(path_, name), problems_);
  }
  template <class T>
  void on_list(std::string_view name, const std::vector<T>& items, const FieldMeta& meta) {
    const auto path = child_path(path_, name);
    if (meta.count && (items.size() < meta.count->min || items.size() > meta.count->max)) {
      std::string msg = "between ";
      msg += std::to_string(meta.count->min);
      msg += " and ";
      msg += std::to_string(meta.count->max);
      msg += " entries, not ";
      msg += std::to_string(items.size());
      add(path, "count", std::move(msg), meta);
    }
    for (std::size_t i = 0; i < items.size(); ++i) check(items[i], item_path(path, i), problems_);
  }

 private:
  void check_number(const std::string& path, double v, const FieldMeta& meta) {
    if (meta.range && !(v >= meta.range->min && v <= meta.range->max)) {
      std::string msg = "between ";
      msg += format_number(meta.range->min);
      msg += " and ";
      msg += format_number(meta.range->max);
      msg += ", not ";
      msg += format_number(v);
      add(path, "range", std::move(msg), meta);
    }
    if (meta.step && std::isfinite(v)) {
      const double n = v / meta.step->step;
      if (std::fabs(n - std::round(n)) > 1e-6) {
        std::string msg = "in steps of ";
        msg += format_number(meta.step->step);
        add(path, "step", std::move(msg), meta);
      }
    }
    if (meta.allowed) {
      bool found = false;
      std::string list = "one of: ";
      for (double a : meta.allowed->values) {
        found = found || a == v;
        if (list.back() != ' ') list += ", ";
        list += format_number(a);
      }
      if (!found) add(path, "enum", std::move(list), meta);
    }
  }

  void add(const std::string& path, std::string_view rule, std::string message,
           const FieldMeta& meta) {
    problems_.push_back({path, std::string(rule), std::move(message), std::string(meta.seed)});
  }

  std::string path_;
  Problems& problems_;
};

}  // namespace jemhead::config
