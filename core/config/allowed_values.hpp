#pragma once
// Checks that a field holds one of the values a manual's table allows for the quantity it
// measures (e.g. "Amps-THD: phase A, B or C"). Display registers and load profile channels
// use the same wording, so an author sees one message form for both screens.
#include <algorithm>
#include <span>
#include <string>
#include <string_view>

#include "core/config/config_problem.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

template <class V>
bool contains(std::span<const V> allowed, V v) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

// "A, B, C": the JSON spellings of the allowed values, for messages.
template <class V>
std::string list_text(std::span<const V> values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += to_text(v);
  }
  return out;
}

// The message "quantity <q> allows <field>: <allowed>", with `note` appended (may be empty).
template <class Q, class V>
std::string allowed_for_quantity_text(Q quantity, std::string_view field,
                                      std::span<const V> allowed, std::string_view note = {}) {
  std::string msg = "quantity ";
  msg += to_text(quantity);
  msg += " allows ";
  msg += field;
  msg += ": ";
  msg += list_text(allowed);
  msg += note;
  return msg;
}

// Reports `rule` at `path` when `value` is not in `allowed` for `quantity`.
template <class Q, class V>
void check_allowed_for_quantity(Q quantity, V value, std::span<const V> allowed,
                                std::string_view field, const RuleRef& rule, std::string path,
                                Problems& out) {
  if (contains(allowed, value)) return;
  report(out, rule, std::move(path), allowed_for_quantity_text(quantity, field, allowed));
}

}  // namespace jemhead::config
