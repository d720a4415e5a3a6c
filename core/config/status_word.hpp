#pragma once
// STATUS WORD (manual L4734-L4996): two 16-bit words, System Bit and Triggered Bit
// (L4740). The System Bit word is fixed by the meter (L4746-L4819); what is configured is
// the Triggered Bit word's "Status Triggers" table (L4933-L4996): per bit 1-16, enabled and
// a Trigger Combination of at most two enabled alarm triggers, "N", "N&M" or "N|M".
//
// Appendix C lists no status triggers, so the default holds none; the table at L4885-L4932
// is "a typical example" (L4860), not a factory setting. The list is sparse (configured
// bits only, each with its bit number).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct StatusTriggerBit {
  int bit = 1;
  bool enabled = true;
  std::string trigger_combination = "1";

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("bit", s.bit, Range{1, 16}, Seed{"L4959-L4961"},
            "Bit position in the Triggered Bit word; bit 1 is the LSB");
    v.field("enabled", s.enabled, Seed{"L4965-L4967"}, "Bit enabled");
    // "64 & 64" is 7 characters; 16 leaves room for spaces.
    v.field("trigger_combination", s.trigger_combination, MaxLength{16}, Seed{"L4971-L4992"},
            "Alarm trigger number N, N&M (both) or N|M (either); enabled triggers only");
  }
  bool operator==(const StatusTriggerBit&) const = default;
};

struct StatusWord {
  std::vector<StatusTriggerBit> triggered_bits;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("triggered_bits", s.triggered_bits, Count{0, 16}, Seed{"L4933-L4996"},
           "Status Triggers: alarm triggers assigned to Triggered Bit positions");
  }
  bool operator==(const StatusWord&) const = default;
};

// A parsed Trigger Combination: one trigger, or two joined by AND ('&') or OR ('|').
struct TriggerCombination {
  enum class Op { single, all, any };  // N, N&M, N|M
  Op op = Op::single;
  int first = 0;
  int second = 0;  // 0 when single
  bool operator==(const TriggerCombination&) const = default;
};

// "3", "1 & 7", "5|9" (spaces around the parts allowed); nullopt for anything else,
// including three or more triggers ("Only two Alarm Triggers can be combined", L4981).
// Trigger numbers are not range-checked here.
std::optional<TriggerCombination> parse_trigger_combination(std::string_view text);

}  // namespace jemhead::config
