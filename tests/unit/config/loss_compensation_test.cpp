// TRANSFORMER LOSS COMPENSATION: defaults (disabled), field limits, the entry-mode, total
// system, ratings and test-amps rules, the derived mode, schema coverage.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/loss_compensation_rules.hpp"

namespace jemhead::config::test {
namespace {

// The manual's example bank: 27,000,000 VA total, 9,000,000 per phase (L6918-L6920).
TransformerData bank_phase() {
  TransformerData t;
  t.rated_va = 9'000'000;
  t.rated_voltage = 7200;
  t.fe_loss_no_load_watts = 12'000;
  t.cu_loss_full_load_watts = 45'000;
  t.exciting_current_pct = 0.8;
  t.impedance_pct = 7.5;
  return t;
}

void compensate_delivered(MeterConfiguration& c) {
  auto& d = c.loss_compensation.delivered;
  d.status = true;
  d.transformer = {bank_phase(), bank_phase(), bank_phase()};
}

template <class F>
auto with(F f) {
  return [f](MeterConfiguration& c) {
    compensate_delivered(c);
    f(c);
  };
}

TEST(ConfigLossCompensation, FactoryDefaultsDisabled) {
  const LossCompensation lc;
  EXPECT_FALSE(lc.delivered.status);
  EXPECT_FALSE(lc.received.status);
  EXPECT_FALSE(lc.system_loss);
  EXPECT_EQ(lc.delivered.operation, LossOperation::add);
  EXPECT_EQ(lc.received.operation, LossOperation::subtract);
  EXPECT_EQ(tlc_mode(lc), TlcMode::no_system_loss_and_no_tlc);
  EXPECT_EQ(summary(validate(MeterConfiguration{})), std::vector<Expected>{});
}

TEST(ConfigLossCompensation, ValidationTable) {
  const std::string blank = "tlc_inactive_entries_blank";
  const std::string blank_seed = "L6823-L6835, L6843-L6855, L6990-L6994, L7010-L7014";
  const std::string equal = "tlc_total_system_phases_equal";
  const std::string equal_seed = "L6869-L6873, L6914-L6922, L7021-L7023";
  const std::string ratings = "tlc_transformer_ratings_given";
  const std::string dp = "loss_compensation.delivered.";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"manual's bank, delivered compensated", compensate_delivered, {}},
      {"transformer values at their limits",
       with([](MeterConfiguration& c) {
         TransformerData t{1e10, 1e6, 1e8, 1e8, 100, 100, 1e4};
         c.loss_compensation.delivered.transformer = {t, t, t};
       }),
       {}},
      {"negative and too large transformer values",
       with([](MeterConfiguration& c) {
         auto& a = c.loss_compensation.delivered.transformer.a;
         a.rated_va = 1.1e10;
         a.rated_voltage = -1;
         a.fe_loss_no_load_watts = -1;
         a.cu_loss_full_load_watts = 1.1e8;
         a.exciting_current_pct = 101;
         a.impedance_pct = -0.1;
         a.line_resistance_ohms = 1e4 + 1;
         c.loss_compensation.scope = TlcScope::each_phase;
       }),
       {{dp + "transformer.a.rated_va", "range", "L6914-L6922"},
        {dp + "transformer.a.rated_voltage", "range", "L6924-L6932"},
        {dp + "transformer.a.fe_loss_no_load_watts", "range", "L6934-L6936"},
        {dp + "transformer.a.cu_loss_full_load_watts", "range", "L6938-L6940"},
        {dp + "transformer.a.exciting_current_pct", "range", "L6942-L6944"},
        {dp + "transformer.a.impedance_pct", "range", "L6946-L6948"},
        {dp + "transformer.a.line_resistance_ohms", "range", "L6950-L6956"},
        {dp + "transformer.a.rated_voltage", ratings, "L6914-L6932"}}},
      {"percentage losses at 0 and 100",
       [](MeterConfiguration& c) {
         auto& lc = c.loss_compensation;
         lc.entry_mode = TlcEntryMode::percentage_losses;
         lc.received.status = true;
         LossPercents p{0.1, 100, 0, 2.5};
         lc.received.percents = {p, p, p};
       },
       {}},
      {"percentage losses out of range",
       [](MeterConfiguration& c) {
         auto& lc = c.loss_compensation;
         lc.entry_mode = TlcEntryMode::percentage_losses;
         lc.scope = TlcScope::each_phase;
         lc.received.percents.b = {-1, 101, 100.5, -0.01};
       },
       {{"loss_compensation.received.percents.b.fe_watt_loss_pct", "range", "L6972"},
        {"loss_compensation.received.percents.b.cu_watt_loss_pct", "range", "L6974"},
        {"loss_compensation.received.percents.b.fe_var_loss_pct", "range", "L6976"},
        {"loss_compensation.received.percents.b.cu_var_loss_pct", "range", "L6978"}}},
      {"transformer data kept with percentage losses",
       with([](MeterConfiguration& c) {
         c.loss_compensation.entry_mode = TlcEntryMode::percentage_losses;
       }),
       {{dp + "transformer.a", blank, blank_seed},
        {dp + "transformer.b", blank, blank_seed},
        {dp + "transformer.c", blank, blank_seed}}},
      {"percents stored with transformer parameters",
       with([](MeterConfiguration& c) {
         c.loss_compensation.delivered.percents = {{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}};
       }),
       {{dp + "percents.a", blank, blank_seed},
        {dp + "percents.b", blank, blank_seed},
        {dp + "percents.c", blank, blank_seed}}},
      {"system loss enabled, 1 % on every phase",
       with([](MeterConfiguration& c) {
         c.loss_compensation.system_loss = true;
         c.loss_compensation.received.system_loss = {LossOperation::subtract, 1, 1, 1};
       }),
       {}},
      {"system loss values while not enabled",
       [](MeterConfiguration& c) {
         c.loss_compensation.received.system_loss = {LossOperation::subtract, 1, 1, 1};
       },
       {{"loss_compensation.received.system_loss", blank, blank_seed}}},
      {"system loss over 100 %",
       [](MeterConfiguration& c) {
         c.loss_compensation.system_loss = true;
         c.loss_compensation.scope = TlcScope::each_phase;
         c.loss_compensation.delivered.system_loss.loss_pct_c = 100.5;
       },
       {{dp + "system_loss.loss_pct_c", "range", "L6997-L7007, L7021-L7023"}}},
      {"total system with different phases",
       with([](MeterConfiguration& c) {
         auto& lc = c.loss_compensation;
         lc.delivered.transformer.b.rated_va = 8'000'000;
         lc.system_loss = true;
         lc.delivered.system_loss = {LossOperation::add, 1, 1, 2};
       }),
       {{dp + "transformer.b", equal, equal_seed},
        {dp + "system_loss.loss_pct_c", equal, equal_seed}}},
      {"total system with different percents",
       [](MeterConfiguration& c) {
         auto& lc = c.loss_compensation;
         lc.entry_mode = TlcEntryMode::percentage_losses;
         lc.received.percents = {{1, 1, 1, 1}, {1, 1, 1, 1}, {2, 1, 1, 1}};
       },
       {{"loss_compensation.received.percents.c", equal, equal_seed}}},
      {"each phase with different phases",
       with([](MeterConfiguration& c) {
         auto& lc = c.loss_compensation;
         lc.scope = TlcScope::each_phase;
         lc.delivered.transformer.b.rated_va = 8'000'000;
         lc.system_loss = true;
         lc.delivered.system_loss = {LossOperation::add, 1, 1.5, 2};
       }),
       {}},
      {"compensated without ratings (total system: phase A)",
       [](MeterConfiguration& c) { c.loss_compensation.delivered.status = true; },
       {{dp + "transformer.a.rated_va", ratings, "L6914-L6932"},
        {dp + "transformer.a.rated_voltage", ratings, "L6914-L6932"}}},
      {"compensated, each phase, phase C without rated VA",
       with([](MeterConfiguration& c) {
         c.loss_compensation.scope = TlcScope::each_phase;
         c.loss_compensation.delivered.transformer.c.rated_va = 0;
       }),
       {{dp + "transformer.c.rated_va", ratings, "L6914-L6932"}}},
      {"ratings not needed with percentage losses",
       [](MeterConfiguration& c) {
         c.loss_compensation.entry_mode = TlcEntryMode::percentage_losses;
         c.loss_compensation.delivered.status = true;
       },
       {}},
      {"test amps at class 20",
       [](MeterConfiguration& c) { c.loss_compensation.test_amps = 20; },
       {}},
      {"test amps 0",
       [](MeterConfiguration& c) { c.loss_compensation.test_amps = 0; },
       {{"loss_compensation.test_amps", "range", "L6875-L6877, L6982-L6986"}}},
      {"test amps 20.5",
       [](MeterConfiguration& c) { c.loss_compensation.test_amps = 20.5; },
       {{"loss_compensation.test_amps", "range", "L6875-L6877, L6982-L6986"},
        {"loss_compensation.test_amps", "tlc_test_amps_within_class", "L6875-L6877, L2497-L2506"}}},
      {"test amps over class 2",
       [](MeterConfiguration& c) {
         c.primary.class_amps = 2;
         c.primary.nominal_current_secondary = 0;
         c.loss_compensation.test_amps = 2.5;
       },
       {{"loss_compensation.test_amps", "tlc_test_amps_within_class", "L6875-L6877, L2497-L2506"}}},
      {"unknown operation",
       [](MeterConfiguration& c) {
         c.loss_compensation.received.operation = static_cast<LossOperation>(5);
       },
       {{"loss_compensation.received.operation", "enum", "L6819-L6835, L6879-L6885"}}},
  });
}

TEST(ConfigLossCompensation, ModeFollowsTheSettings) {
  LossCompensation lc;
  lc.received.status = true;
  EXPECT_EQ(tlc_mode(lc), TlcMode::tlc_only);
  lc.system_loss = true;
  EXPECT_EQ(tlc_mode(lc), TlcMode::system_loss_and_tlc);
  lc.received.status = false;
  EXPECT_EQ(tlc_mode(lc), TlcMode::system_loss_only);
  EXPECT_EQ(to_text(TlcMode::system_loss_only), "system_loss_only");
}

TEST(ConfigLossCompensation, JsonRoundTrip) {
  MeterConfiguration c;
  compensate_delivered(c);
  c.loss_compensation.scope = TlcScope::each_phase;
  const auto doc = to_json(c);
  EXPECT_EQ(doc.at("loss_compensation").at("delivered").at("transformer").at("b").at("rated_va"),
            9'000'000.0);
  EXPECT_EQ(doc.at("loss_compensation").at("received").at("operation"), "subtract");
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.loss_compensation, c.loss_compensation);
}

TEST(ConfigLossCompensation, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(loss_compensation_rule_refs()).size(), 4u);
}

TEST(ConfigLossCompensation, SchemaCoversEveryField) {
  const MeterConfiguration c;
  // 4 settings + per direction (status, operation, 3 x 7 transformer, 3 x 4 percents,
  // 4 system loss).
  EXPECT_EQ(section_leaves(c, "loss_compensation"), 4 + 2 * (2 + 21 + 12 + 4));
}

}  // namespace
}  // namespace jemhead::config::test
