// STATUS WORD: Status Triggers assign alarm triggers to Triggered Bit positions 1-16
// (L4933-L4996): "N", "N&M" or "N|M", over enabled alarm triggers only.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

using Op = TriggerCombination::Op;

StatusTriggerBit bit(int n, std::string combination) {
  StatusTriggerBit b;
  b.bit = n;
  b.trigger_combination = std::move(combination);
  return b;
}

// Appendix C's triggers 1-3 plus triggers 5, 7 and 9, all enabled but trigger 2; then these
// bits.
std::function<void(MeterConfiguration&)> with_bits(std::vector<StatusTriggerBit> bits) {
  return [=](MeterConfiguration& c) {
    for (int n : {5, 7, 9}) {
      Trigger t;
      t.number = n;
      c.triggers.triggers.push_back(t);
    }
    for (auto& t : c.triggers.triggers) t.enabled = t.number != 2;
    c.status_word.triggered_bits = bits;
  };
}

TEST(ConfigStatusWord, FactoryDefaultsAreValid) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  EXPECT_TRUE(c.status_word.triggered_bits.empty());
}

TEST(ConfigStatusWord, ParsesTriggerCombinations) {
  EXPECT_EQ(parse_trigger_combination("3"), (TriggerCombination{Op::single, 3, 0}));
  EXPECT_EQ(parse_trigger_combination("5 | 9"), (TriggerCombination{Op::any, 5, 9}));
  EXPECT_EQ(parse_trigger_combination("1&7"), (TriggerCombination{Op::all, 1, 7}));
  EXPECT_EQ(parse_trigger_combination(" 64 & 12 "), (TriggerCombination{Op::all, 64, 12}));
  for (std::string_view bad : {"", " ", "a", "1 &", "& 2", "1 & 2 & 3", "1 | 2 & 3", "1 2", "-1",
                               "+1", "1.5", "1000", "1 && 2", "1 || 2"})
    EXPECT_EQ(parse_trigger_combination(bad), std::nullopt) << bad;
}

TEST(ConfigStatusWord, ValidationTable) {
  const std::string b0 = "status_word.triggered_bits[0]";
  const std::string expr = b0 + ".trigger_combination";
  const std::string combo_seed = "L4971-L4992";
  const std::string enabled_rule = "status_bit_enabled_triggers";
  const std::string enabled_seed = "L4942, L4996";
  run_cases({
      {"the manual's examples", with_bits({bit(3, "3"), bit(5, "5 | 9"), bit(7, "1 & 7")}), {}},
      {"16 bits",
       [](MeterConfiguration& c) {
         std::vector<StatusTriggerBit> bits;
         for (int n = 1; n <= 16; ++n) bits.push_back(bit(n, "1"));
         with_bits(bits)(c);
       },
       {}},
      {"17 bits",
       [](MeterConfiguration& c) {
         std::vector<StatusTriggerBit> bits;
         for (int n = 1; n <= 17; ++n) bits.push_back(bit(n == 17 ? 16 : n, "1"));
         with_bits(bits)(c);
       },
       {{"status_word.triggered_bits", "count", "L4933-L4996"},
        {"status_word.triggered_bits[16].bit", "status_bit_numbers_unique", "L4959-L4961"}}},
      {"bit 0", with_bits({bit(0, "1")}), {{b0 + ".bit", "range", "L4959-L4961"}}},
      {"bit 17", with_bits({bit(17, "1")}), {{b0 + ".bit", "range", "L4959-L4961"}}},
      {"bit used twice",
       with_bits({bit(4, "1"), bit(4, "3")}),
       {{"status_word.triggered_bits[1].bit", "status_bit_numbers_unique", "L4959-L4961"}}},
      {"three triggers",
       with_bits({bit(1, "1 & 3 | 5")}),
       {{expr, "status_bit_combination", combo_seed}}},
      {"not a number", with_bits({bit(1, "V1")}), {{expr, "status_bit_combination", combo_seed}}},
      {"empty", with_bits({bit(1, "")}), {{expr, "status_bit_combination", combo_seed}}},
      {"trigger 0", with_bits({bit(1, "0")}), {{expr, "status_bit_combination", combo_seed}}},
      {"trigger 65", with_bits({bit(1, "1 | 65")}), {{expr, "status_bit_combination", combo_seed}}},
      {"too long", with_bits({bit(1, "1       &       3")}), {{expr, "max_length", combo_seed}}},
      {"disabled trigger", with_bits({bit(2, "2")}), {{expr, enabled_rule, enabled_seed}}},
      {"trigger not configured",
       with_bits({bit(1, "1 & 4")}),
       {{expr, enabled_rule, enabled_seed}}},
      {"disabled bit over a disabled trigger",
       [](MeterConfiguration& c) {
         auto b = bit(2, "2 | 9");
         b.enabled = false;
         with_bits({b})(c);
       },
       {{expr, enabled_rule, enabled_seed}}},
      {"both triggers wrong",
       with_bits({bit(6, "2 | 40")}),
       {{expr, enabled_rule, enabled_seed}, {expr, enabled_rule, enabled_seed}}},
  });
}

TEST(ConfigStatusWord, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.status_word.triggered_bits.resize(1);
  EXPECT_EQ(section_leaves(c, "status_word"), 3);
}

}  // namespace
}  // namespace jemhead::config::test
