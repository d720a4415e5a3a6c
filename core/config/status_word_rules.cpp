#include "core/config/status_word_rules.hpp"

#include <array>
#include <charconv>
#include <string>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A trigger number: digits only (no sign), at most 3 of them so it cannot overflow.
std::optional<int> parse_number(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 3) return std::nullopt;
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.front() == '-') return std::nullopt;
  return v;
}

void check_trigger_enabled(const MeterConfiguration& c, int number, const std::string& at,
                           Problems& out) {
  const auto* t = find_trigger(c.triggers, number);
  if (t && t->enabled) return;
  std::string msg = "alarm trigger ";
  msg += std::to_string(number);
  msg += t ? " is not enabled" : " is not configured";
  report(out, kStatusBitEnabledTriggers, at, std::move(msg));
}

}  // namespace

std::optional<TriggerCombination> parse_trigger_combination(std::string_view text) {
  const auto op = text.find_first_of("&|");
  TriggerCombination out;
  if (op == std::string_view::npos) {
    const auto n = parse_number(text);
    if (!n) return std::nullopt;
    out.first = *n;
    return out;
  }
  const auto first = parse_number(text.substr(0, op));
  const auto second = parse_number(text.substr(op + 1));  // a second operator fails here
  if (!first || !second) return std::nullopt;
  out.op = text[op] == '&' ? TriggerCombination::Op::all : TriggerCombination::Op::any;
  out.first = *first;
  out.second = *second;
  return out;
}

std::span<const RuleRef> status_word_rule_refs() {
  static constexpr std::array refs{kStatusBitNumbersUnique, kStatusBitCombination,
                                   kStatusBitEnabledTriggers};
  return refs;
}

void check_status_word_rules(const MeterConfiguration& c, Problems& out) {
  const auto& bits = c.status_word.triggered_bits;
  const std::string path = "status_word.triggered_bits";
  for (std::size_t i = 0; i < bits.size(); ++i) {
    const auto at = item_path(path, i);
    for (std::size_t j = 0; j < i; ++j)
      if (bits[j].bit == bits[i].bit) {
        std::string msg = "bit used twice: ";
        msg += std::to_string(bits[i].bit);
        report(out, kStatusBitNumbersUnique, child_path(at, "bit"), std::move(msg));
        break;
      }
    const auto expr_at = child_path(at, "trigger_combination");
    const auto combination = parse_trigger_combination(bits[i].trigger_combination);
    if (!combination) {
      report(out, kStatusBitCombination, expr_at,
             "one alarm trigger number N, or two as N&M or N|M");
      continue;
    }
    std::array<int, 2> numbers{combination->first, combination->second};
    const std::size_t count = combination->op == TriggerCombination::Op::single ? 1 : 2;
    bool in_range = true;
    for (std::size_t k = 0; k < count; ++k)
      if (numbers[k] < 1 || numbers[k] > 64) in_range = false;
    if (!in_range) {
      report(out, kStatusBitCombination, expr_at, "alarm trigger numbers are 1-64");
      continue;
    }
    // Only enabled alarm triggers can be assigned (L4942, L4996), whether or not the bit
    // itself is enabled.
    for (std::size_t k = 0; k < count; ++k) check_trigger_enabled(c, numbers[k], expr_at, out);
  }
}

}  // namespace jemhead::config
