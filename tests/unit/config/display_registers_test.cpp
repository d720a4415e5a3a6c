// DISPLAY REGISTERS: factory defaults, one table of validation cases (every limit and rule
// passing and failing), schema coverage and the automatic description.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "config_test_support.hpp"
#include "core/config/display_register_description.hpp"
#include "core/config/display_registers_rules.hpp"

namespace jemhead::config::test {
namespace {

using Cat = RegisterCategory;
using T = RegisterType;
using Q = RegisterQuantity;
using P = RegisterPhase;
using D = RegisterDirection;
using S = RegisterStorage;

// Polyphase Wh delivered, total, working (the new-register default).
DisplayRegister reg(int id, int screen = 1) {
  DisplayRegister r;
  r.id = id;
  r.screen = screen;
  return r;
}

DisplayRegister measured(int id, T type, Q quantity, P phase, D direction, int screen = 1) {
  auto r = reg(id, screen);
  r.type = type;
  r.quantity = quantity;
  r.phase = phase;
  r.direction = direction;
  return r;
}

// A register of a category without TOU and storage columns.
DisplayRegister item(int id, Cat category, Q quantity, int screen = 1, T type = T::none,
                     P phase = P::none) {
  auto r = reg(id, screen);
  r.category = category;
  r.type = type;
  r.quantity = quantity;
  r.phase = phase;
  r.direction = D::none;
  r.tou = RegisterTou::none;
  r.storage_type = S::none;
  return r;
}

auto normal(std::vector<DisplayRegister> regs) {
  return [regs](MeterConfiguration& c) { c.display_registers.normal = regs; };
}
auto alternate(std::vector<DisplayRegister> regs) {
  return [regs](MeterConfiguration& c) { c.display_registers.alternate = regs; };
}
auto test_list(std::vector<DisplayRegister> regs) {
  return [regs](MeterConfiguration& c) { c.display_registers.test = regs; };
}
template <class F>
auto with_hardware(F change, std::function<void(MeterHardware&)> hw) {
  return [=](MeterConfiguration& c) {
    hw(c.hardware);
    change(c);
  };
}

// A meter with the DIO option whose channel `channel` is an input with `function`.
template <class F>
auto with_input(int channel, DioSelection function, F change) {
  return [=](MeterConfiguration& c) {
    c.hardware.options.digital_io = true;
    DioChannel ch;
    ch.number = channel;
    ch.input_output = DioMode::input;
    ch.selection = function;
    c.input_output.digital_io.push_back(ch);
    change(c);
  };
}

// `n` registers with distinct ids from `first`, two per screen.
std::vector<DisplayRegister> many(int first, int n, bool self_read = false) {
  std::vector<DisplayRegister> out;
  for (int i = 0; i < n; ++i) {
    auto r = reg(first + i, std::min(50, i / 2 + 1));
    r.self_read = self_read;
    out.push_back(r);
  }
  return out;
}

std::vector<DisplayRegister> mid_normal() {
  auto fixed = mid_normal_registers();
  std::vector<DisplayRegister> out(fixed.begin(), fixed.end());
  for (std::size_t i = 0; i < out.size(); ++i) out[i].id = static_cast<int>(i);
  return out;
}
std::vector<DisplayRegister> mid_alternate() {
  auto fixed = mid_alternate_registers();
  std::vector<DisplayRegister> out(fixed.begin(), fixed.end());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].id = 100 + static_cast<int>(i);
    out[i].screen = static_cast<int>(i) + 1;
  }
  return out;
}

std::string at(std::string_view list, int index, std::string_view field) {
  std::string out = "display_registers.";
  out += list;
  out += '[';
  out += std::to_string(index);
  out += "].";
  out += field;
  return out;
}

TEST(ConfigDisplayRegisters, FactoryDefaultsAreValid) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  // Appendix C's register tables are screenshots: no register is configured by default.
  EXPECT_TRUE(c.display_registers.normal.empty());
  EXPECT_TRUE(c.display_registers.alternate.empty());
  EXPECT_TRUE(c.display_registers.test.empty());
  EXPECT_EQ(c.display_registers.self_read_interval, SelfReadInterval::daily);
  const DisplayRegister r;
  EXPECT_EQ(r.category, Cat::register_);
  EXPECT_EQ(r.type, T::consumption);
  EXPECT_EQ(r.quantity, Q::watt_hours);
  EXPECT_EQ(r.tou, RegisterTou::total);
  EXPECT_EQ(r.storage_type, S::working);
  EXPECT_EQ(r.coincident_peak_id, -1);
}

TEST(ConfigDisplayRegisters, FieldLimitsTable) {
  const std::string id_seed = "L2802-L2821";
  const std::string digits_seed = "L2954-L2961";
  const std::string screen_seed = "L2733-L2760, L3002-L3008";
  auto one = [](auto change) {
    auto r = reg(0);
    change(r);
    return normal({r});
  };
  run_cases({
      {"id 0", normal({reg(0)}), {}},
      {"id 249", test_list({reg(249)}), {}},
      {"id -1", one([](auto& r) { r.id = -1; }), {{at("normal", 0, "id"), "range", id_seed}}},
      {"id 250", test_list({reg(250)}), {{at("test", 0, "id"), "range", id_seed}}},
      {"10 digits, 3 decimals",
       one([](auto& r) {
         r.digits = 10;
         r.decimal_point = 3;
       }),
       {}},
      {"0 digits",
       one([](auto& r) { r.digits = 0; }),
       {{at("normal", 0, "digits"), "range", digits_seed}}},
      {"11 digits",
       one([](auto& r) { r.digits = 11; }),
       {{at("normal", 0, "digits"), "range", digits_seed}}},
      {"4 decimals",
       one([](auto& r) { r.decimal_point = 4; }),
       {{at("normal", 0, "decimal_point"), "range", digits_seed}}},
      {"21-character description",
       one([](auto& r) {
         r.description = "123456789012345678901";
         r.custom_description = true;
       }),
       {}},
      {"22-character description",
       one([](auto& r) { r.description = "1234567890123456789012"; }),
       {{at("normal", 0, "description"), "max_length", "L3018-L3026"}}},
      {"21 characters, not bytes",
       one([](auto& r) {
         r.description = "kWh Lieferung \xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC";
       }),
       {}},
      {"screen 50", one([](auto& r) { r.screen = 50; }), {}},
      {"screen 0",
       one([](auto& r) { r.screen = 0; }),
       {{at("normal", 0, "screen"), "range", screen_seed}}},
      {"screen 51",
       one([](auto& r) { r.screen = 51; }),
       {{at("normal", 0, "screen"), "range", screen_seed}}},
      {"coincident_peak_id -2",
       one([](auto& r) { r.coincident_peak_id = -2; }),
       {{at("normal", 0, "coincident_peak_id"), "range", "L17538-L17546"}}},
      {"50 normal registers", normal(many(0, 50)), {}},
      {"51 normal registers",
       normal(many(0, 51)),
       {{"display_registers.normal", "count", "L2693-L2715"},
        {at("normal", 50, "id"), "display_register_id_in_list_range", "L2711-L2715, L2812-L2821"}}},
      {"50 alternate and 50 test registers",
       [](MeterConfiguration& c) {
         c.display_registers.alternate = many(100, 50);
         c.display_registers.test = many(200, 50);
       },
       {}},
  });
}

TEST(ConfigDisplayRegisters, RulesTable) {
  auto problem = [](std::string path, const char* rule, const char* seed) {
    return Expected{std::move(path), rule, seed};
  };
  const char* id_seed = "L2711-L2715, L2812-L2821";
  const char* type_seed = "L2845-L2867, L3241-L3249";
  const char* quantity_seed = "L2875-L2879";
  const char* phase_seed = "L2880-L2884, L3213-L3235";
  const char* direction_seed = "L2888-L2896";
  const char* columns_seed = "L2902-L2945";
  const char* coincident_seed = "L17538-L17546";
  const char* self_read_seed = "L2989-L2991, L9027-L9029";
  const char* external_seed = "L3250-L3267";
  const char* mid_seed = "L2364-L2394";

  auto coincident = [](int id, T type, int peak) {
    auto r = measured(id, type, Q::power_factor, P::polyphase, D::delivered);
    r.coincident_peak_id = peak;
    return r;
  };
  auto peak = [](int id, T type) {
    return measured(id, type, Q::watts, P::polyphase, D::delivered);
  };
  auto stored = [](S storage, T type = T::consumption, Q q = Q::watt_hours) {
    auto r = measured(0, type, q, P::polyphase, D::delivered);
    r.storage_type = storage;
    return r;
  };
  auto pq = [](Q q, P phase) { return item(200, Cat::power_quality, q, 1, T::none, phase); };
  auto di = [](int channel, T type) {
    const auto q = static_cast<Q>(static_cast<int>(Q::digital_input_1) + channel - 1);
    return item(0, Cat::external_input, q, 1, type);
  };
  auto on_screen = [](std::vector<DisplayRegister> regs) {
    for (std::size_t i = 0; i < regs.size(); ++i) regs[i].id = static_cast<int>(i);
    return normal(regs);
  };
  auto pq_option = [](MeterHardware& hw) { hw.options.pq2 = true; };

  run_cases({
      // IDs.
      {"alternate 100 and 149", alternate({reg(100), reg(149)}), {}},
      {"normal 49 and test 200",
       [](MeterConfiguration& c) {
         c.display_registers.normal = {reg(49)};
         c.display_registers.test = {reg(200)};
       },
       {}},
      {"normal id 100",
       normal({reg(100)}),
       {problem(at("normal", 0, "id"), "display_register_id_in_list_range", id_seed)}},
      {"alternate id 99",
       alternate({reg(99)}),
       {problem(at("alternate", 0, "id"), "display_register_id_in_list_range", id_seed)}},
      {"test id 199",
       test_list({reg(199)}),
       {problem(at("test", 0, "id"), "display_register_id_in_list_range", id_seed)}},
      {"duplicate id",
       normal({reg(3), reg(4), reg(3)}),
       {problem(at("normal", 2, "id"), "display_register_id_unique", "L2802-L2810")}},
      // Category -> type -> quantity.
      {"time item", normal({item(0, Cat::time, Q::present_time_and_date)}), {}},
      {"status word", normal({item(0, Cat::status_word, Q::triggered_bit)}), {}},
      {"id/status item", normal({item(0, Cat::id_status, Q::pq_firmware)}), {}},
      {"time category with a register type",
       normal({item(0, Cat::time, Q::present_time_and_date, 1, T::consumption)}),
       {problem(at("normal", 0, "type"), "register_type_for_category", type_seed)}},
      {"external input without a type",
       normal({di(1, T::none)}),
       {problem(at("normal", 0, "type"), "register_type_for_category", type_seed)}},
      {"register category with status_input",
       normal({measured(0, T::status_input, Q::digital_input_1, P::none, D::none)}),
       {problem(at("normal", 0, "type"), "register_type_for_category", type_seed)}},
      {"consumption of watts",
       normal({measured(0, T::consumption, Q::watts, P::polyphase, D::delivered)}),
       {problem(at("normal", 0, "quantity"), "register_quantity_for_type", quantity_seed)}},
      {"peak demand of watt-hours",
       normal({measured(0, T::peak_demand, Q::watt_hours, P::polyphase, D::delivered)}),
       {problem(at("normal", 0, "quantity"), "register_quantity_for_type", quantity_seed)}},
      {"average power factor of PF",
       normal({measured(0, T::average_power_factor, Q::power_factor, P::polyphase, D::delivered)}),
       {}},
      {"average power factor of watts",
       normal({measured(0, T::average_power_factor, Q::watts, P::polyphase, D::delivered)}),
       {problem(at("normal", 0, "quantity"), "register_quantity_for_type", quantity_seed)}},
      {"instantaneous frequency",
       normal({measured(0, T::instantaneous, Q::frequency, P::none, D::none)}),
       {}},
      {"time category with an ID/status item",
       normal({item(0, Cat::time, Q::meter_status)}),
       {problem(at("normal", 0, "quantity"), "register_quantity_for_type", quantity_seed)}},
      // Phase.
      {"thermal amps average", normal({measured(0, T::thermal, Q::amps, P::average, D::none)}), {}},
      {"instantaneous amps neutral",
       normal({measured(0, T::instantaneous, Q::amps, P::n, D::none)}),
       {}},
      {"peak watts average",
       normal({measured(0, T::peak_demand, Q::watts, P::average, D::delivered)}),
       {problem(at("normal", 0, "phase"), "register_phase_for_quantity", phase_seed)}},
      {"frequency on phase A",
       normal({measured(0, T::instantaneous, Q::frequency, P::a, D::none)}),
       {problem(at("normal", 0, "phase"), "register_phase_for_quantity", phase_seed)}},
      // Direction.
      {"VARh Q3", normal({measured(0, T::consumption, Q::var_hours, P::polyphase, D::q3)}), {}},
      {"Wh Q1",
       normal({measured(0, T::consumption, Q::watt_hours, P::polyphase, D::q1)}),
       {problem(at("normal", 0, "direction"), "register_direction_for_quantity", direction_seed)}},
      {"instantaneous watts bidirectional",
       normal({measured(0, T::instantaneous, Q::watts, P::polyphase, D::bidirectional)}),
       {}},
      {"peak watts bidirectional",
       normal({measured(0, T::peak_demand, Q::watts, P::polyphase, D::bidirectional)}),
       {problem(at("normal", 0, "direction"), "register_direction_for_quantity", direction_seed)}},
      {"instantaneous volts bidirectional",
       normal({measured(0, T::instantaneous, Q::volts, P::a, D::bidirectional)}),
       {problem(at("normal", 0, "direction"), "register_direction_for_quantity", direction_seed)}},
      {"amps delivered",
       normal({measured(0, T::instantaneous, Q::amps, P::a, D::delivered)}),
       {problem(at("normal", 0, "direction"), "register_direction_for_quantity", direction_seed)}},
      // TOU and storage columns.
      {"rate H cumulative",
       [&](MeterConfiguration& c) {
         auto r = stored(S::cumulative, T::peak_demand, Q::watts);
         r.tou = RegisterTou::rate_h;
         c.display_registers.normal = {r};
       },
       {}},
      {"time item with a TOU rate and storage",
       [](MeterConfiguration& c) {
         auto r = item(0, Cat::time, Q::last_freeze_time_and_date);
         r.tou = RegisterTou::total;
         r.storage_type = S::working;
         c.display_registers.normal = {r};
       },
       {problem(at("normal", 0, "tou"), "register_tou_storage_for_category", columns_seed),
        problem(at("normal", 0, "storage_type"), "register_tou_storage_for_category",
                columns_seed)}},
      {"register without TOU and storage",
       [&](MeterConfiguration& c) {
         auto r = stored(S::none);
         r.tou = RegisterTou::none;
         c.display_registers.normal = {r};
       },
       {problem(at("normal", 0, "tou"), "register_tou_storage_for_category", columns_seed),
        problem(at("normal", 0, "storage_type"), "register_tou_storage_for_category",
                columns_seed)}},
      {"consumption display prev hour", normal({stored(S::display_prev_hour)}), {}},
      {"instantaneous display prev hour",
       normal({stored(S::display_prev_hour, T::instantaneous, Q::watts)}),
       {problem(at("normal", 0, "storage_type"), "display_prev_hour_only_consumption",
                "L2943-L2945")}},
      // Coincident registers.
      {"coincident demand with its peak",
       normal({peak(0, T::peak_demand), coincident(1, T::coincident_demand, 0)}),
       {}},
      {"coincident thermal with a peak thermal in the alternate list",
       [&](MeterConfiguration& c) {
         c.display_registers.normal = {coincident(0, T::coincident_thermal, 100)};
         c.display_registers.alternate = {peak(100, T::peak_thermal)};
       },
       {}},
      {"coincident demand naming no register",
       normal({coincident(0, T::coincident_demand, -1)}),
       {problem(at("normal", 0, "coincident_peak_id"), "coincident_register_links_peak",
                coincident_seed)}},
      {"coincident thermal naming a peak demand",
       normal({peak(0, T::peak_demand), coincident(1, T::coincident_thermal, 0)}),
       {problem(at("normal", 1, "coincident_peak_id"), "coincident_register_links_peak",
                coincident_seed)}},
      {"consumption naming a peak",
       [&](MeterConfiguration& c) {
         auto r = reg(1);
         r.coincident_peak_id = 0;
         c.display_registers.normal = {peak(0, T::peak_demand), r};
       },
       {problem(at("normal", 1, "coincident_peak_id"), "coincident_register_links_peak",
                coincident_seed)}},
      // Power quality option.
      {"PQ register with PQ2", with_hardware(test_list({pq(Q::pst, P::a)}), pq_option), {}},
      {"PQ register with PQ3",
       with_hardware(test_list({pq(Q::neg_seq_ratio_voltage, P::polyphase)}),
                     [](MeterHardware& hw) { hw.options.pq3 = true; }),
       {}},
      {"PQ register without PQ2/PQ3",
       test_list({pq(Q::tdd_odd, P::b)}),
       {problem(at("test", 0, "category"), "pq_register_needs_pq_option", "L3208-L3209")}},
      {"PQ THD polyphase",
       with_hardware(test_list({pq(Q::volts_thd, P::polyphase)}), pq_option),
       {problem(at("test", 0, "phase"), "register_phase_for_quantity", phase_seed)}},
      // External inputs.
      {"pulse counter on a pulse counter input",
       with_input(6, DioSelection::pulse_counter, normal({di(6, T::pulse_counter)})),
       {}},
      {"status input on IEC channel 8",
       with_hardware(with_input(8, DioSelection::status_input, normal({di(8, T::status_input)})),
                     [](MeterHardware& hw) { hw.standard = MeterStandard::iec; }),
       {}},
      {"status input on an unconfigured channel",
       with_input(2, DioSelection::status_input, normal({di(3, T::status_input)})),
       {problem(at("normal", 0, "quantity"), "external_input_needs_digital_input", external_seed)}},
      {"pulse counter on a status input",
       with_input(2, DioSelection::status_input, normal({di(2, T::pulse_counter)})),
       {problem(at("normal", 0, "quantity"), "external_input_needs_digital_input", external_seed)}},
      // Self read.
      {"8 normal and 8 alternate self reads",
       [](MeterConfiguration& c) {
         c.display_registers.normal = many(0, 8, true);
         c.display_registers.alternate = many(100, 8, true);
       },
       {}},
      {"9 normal self reads",
       normal(many(0, 9, true)),
       {problem(at("normal", 8, "self_read"), "self_read_register_limit", self_read_seed)}},
      {"10 alternate self reads",
       alternate(many(100, 10, true)),
       {problem(at("alternate", 8, "self_read"), "self_read_register_limit", self_read_seed)}},
      {"test self read",
       test_list(many(200, 2, true)),
       {problem(at("test", 0, "self_read"), "self_read_register_limit", self_read_seed),
        problem(at("test", 1, "self_read"), "self_read_register_limit", self_read_seed)}},
      // Screens.
      {"4 registers on screen 3", on_screen({reg(0, 3), reg(0, 3), reg(0, 3), reg(0, 3)}), {}},
      {"5 registers on screen 3",
       on_screen({reg(0, 3), reg(0, 3), reg(0, 3), reg(0, 3), reg(0, 1), reg(0, 3)}),
       {problem(at("normal", 5, "screen"), "screen_at_most_four_registers",
                "L2733-L2735, L3002-L3004")}},
      {"same screen number in two lists",
       [](MeterConfiguration& c) {
         c.display_registers.normal = {reg(0, 2), reg(1, 2), reg(2, 2)};
         c.display_registers.alternate = {reg(100, 2), reg(101, 2)};
       },
       {}},
      {"phasor display alone",
       on_screen({item(0, Cat::id_status, Q::phasor_display, 1), reg(0, 2)}),
       {}},
      {"meter status shares a screen",
       on_screen({item(0, Cat::id_status, Q::meter_status, 1), reg(0, 1)}),
       {}},
      {"blank screen with a register",
       on_screen({reg(0, 4), item(0, Cat::id_status, Q::blank_screen, 4)}),
       {problem(at("normal", 1, "screen"), "full_screen_register_alone",
                "L3004-L3014, L3185, L3205")}},
      {"alarm and comm status together",
       on_screen({item(0, Cat::id_status, Q::alarm_display, 7),
                  item(0, Cat::id_status, Q::communication_status, 7)}),
       {problem(at("normal", 0, "screen"), "full_screen_register_alone",
                "L3004-L3014, L3185, L3205"),
        problem(at("normal", 1, "screen"), "full_screen_register_alone",
                "L3004-L3014, L3185, L3205")}},
      // MID.
      {"MID meter with its fixed registers and more",
       [](MeterConfiguration& c) {
         c.hardware.mid = true;
         c.display_registers.normal = mid_normal();
         c.display_registers.normal.push_back(reg(10, 10));
         c.display_registers.alternate = mid_alternate();
       },
       {}},
      {"MID meter with empty lists",
       [](MeterConfiguration& c) { c.hardware.mid = true; },
       {problem("display_registers.normal", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.normal", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.normal", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.normal", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.alternate", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.alternate", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.alternate", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.alternate", "mid_fixed_billing_registers", mid_seed),
        problem("display_registers.alternate", "mid_fixed_billing_registers", mid_seed)}},
      {"MID meter whose VARh received is at rate A",
       [](MeterConfiguration& c) {
         c.hardware.mid = true;
         c.display_registers.normal = mid_normal();
         c.display_registers.normal[3].tou = RegisterTou::rate_a;
         c.display_registers.alternate = mid_alternate();
       },
       {problem("display_registers.normal", "mid_fixed_billing_registers", mid_seed)}},
      {"non-MID meter without them", normal({reg(0)}), {}},
  });
}

TEST(ConfigDisplayRegisters, MidMessageNamesTheMissingRegister) {
  MeterConfiguration c;
  c.hardware.mid = true;
  c.display_registers.normal = mid_normal();
  c.display_registers.alternate = mid_alternate();
  c.display_registers.alternate.pop_back();  // the billing reset time and date
  const auto problems = validate(c);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "display_registers.alternate");
  EXPECT_EQ(problems[0].message, "MID meter: the fixed register Last BPR Time&Date is missing");
}

TEST(ConfigDisplayRegisters, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(display_registers_rule_refs()).size(), 15u);
}

TEST(ConfigDisplayRegisters, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.display_registers.normal = {reg(0)};
  c.display_registers.alternate = {reg(100)};
  c.display_registers.test = {reg(200)};
  // 18 columns per register in each of the 3 lists, plus the self read interval.
  EXPECT_EQ(section_leaves(c, "display_registers"), 3 * 18 + 1);
}

TEST(ConfigDisplayRegisters, JsonRoundTrip) {
  MeterConfiguration c;
  auto r = measured(7, T::coincident_demand, Q::power_factor, P::b, D::received, 3);
  r.coincident_peak_id = 6;
  r.tou = RegisterTou::rate_c;
  r.storage_type = S::billing_period_reset;
  r.units = UnitScale::mega;
  r.digits = 9;
  r.decimal_point = 2;
  r.tlc = true;
  r.scaling_values = ValueScaling::secondary;
  r.self_read = true;
  r.description = "PF at peak";
  r.custom_description = true;
  c.display_registers.normal = {
      measured(6, T::peak_demand, Q::watts, P::polyphase, D::delivered, 3), r};
  c.display_registers.self_read_interval = SelfReadInterval::end_of_demand_interval;
  const auto json = to_json(c);
  const auto& dr = json.at("display_registers").as_object();
  EXPECT_EQ(dr.at("self_read_interval").as_string(), "end_of_demand_interval");
  const auto& second = dr.at("normal").as_array().at(1).as_object();
  EXPECT_EQ(second.at("type").as_string(), "coincident_demand");
  EXPECT_EQ(second.at("phase").as_string(), "B");
  EXPECT_EQ(second.at("tou").as_string(), "C");
  EXPECT_EQ(second.at("coincident_peak_id").as_int64(), 6);
  const auto back = from_json(json);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.display_registers, c.display_registers);
}

TEST(ConfigDisplayRegisters, ReadingRefusesUnknownCategory) {
  auto json = to_json(MeterConfiguration{});
  boost::json::object r;
  r["id"] = 0;
  r["category"] = "totalization";
  json["display_registers"].as_object()["normal"] = boost::json::array{r};
  const auto result = read_json(json);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].path, "display_registers.normal[0].category");
  EXPECT_EQ(result.problems[0].rule, "enum");
}

TEST(ConfigDisplayRegisterDescription, AbbreviationsInColumnOrder) {
  EXPECT_EQ(auto_description(reg(0)), "Cons WH P DE T Wk");
  EXPECT_EQ(auto_description(measured(0, T::peak_demand, Q::vars, P::a, D::q2)),
            "PkD VAR A Q2 T Wk");
  auto r = measured(0, T::time_of_peak_thermal, Q::amps_squared, P::average, D::none);
  r.tou = RegisterTou::rate_h;
  r.storage_type = S::continuous_cumulative;
  EXPECT_EQ(auto_description(r), "TPkT Amp2 Av H CC");
  r = measured(0, T::average_power_factor, Q::power_factor, P::polyphase, D::received);
  r.storage_type = S::billing_period_reset;
  EXPECT_EQ(auto_description(r), "AvPF P RE T BP");
  r = measured(0, T::instantaneous, Q::frequency, P::none, D::none);
  EXPECT_EQ(auto_description(r), "Inst Freq T Wk");
  r = measured(0, T::instantaneous, Q::watts, P::c, D::bidirectional);
  r.storage_type = S::season_change;
  EXPECT_EQ(auto_description(r), "Inst W C Bi T SC");
  r = measured(0, T::consumption, Q::volts_squared_hours, P::n, D::none);
  r.storage_type = S::display_prev_hour;
  EXPECT_EQ(auto_description(r), "Cons Volt2H N T PH");
}

TEST(ConfigDisplayRegisterDescription, OtherCategoriesUseTheItemName) {
  EXPECT_EQ(auto_description(item(0, Cat::time, Q::last_season_time_and_date)),
            "Last Season Time&Date");
  EXPECT_EQ(auto_description(item(0, Cat::id_status, Q::communication_status)), "Comm Status");
  EXPECT_EQ(auto_description(
                item(0, Cat::power_quality, Q::zero_seq_ratio_voltage, 1, T::none, P::polyphase)),
            "Zero Seq Ratio Volt P");
  EXPECT_EQ(auto_description(item(0, Cat::power_quality, Q::volts_thd_odd, 1, T::none, P::b)),
            "VTHD odd B");
  EXPECT_EQ(auto_description(item(0, Cat::external_input, Q::digital_input_3, 1, T::pulse_counter)),
            "Pulse Counter 3");
  EXPECT_EQ(auto_description(item(0, Cat::external_input, Q::digital_input_8, 1, T::status_input)),
            "Status Input 8");
  EXPECT_EQ(auto_description(item(0, Cat::status_word, Q::system_bit)), "System Bit");
}

TEST(ConfigDisplayRegisterDescription, TooLongIsCutAt21Characters) {
  // Not a valid register (Volt2H has no Av phase or direction), but the text is still cut.
  auto r = measured(0, T::present_demand, Q::volts_squared_hours, P::average, D::q1);
  r.tou = RegisterTou::rate_a;
  r.storage_type = S::cumulative;
  EXPECT_EQ(auto_description(r), "PresD Volt2H Av Q1 A");
}

// Every combination the rules accept has a description of at most 21 characters that
// the rules also accept as a custom one, and no two distinct registers share one.
TEST(ConfigDisplayRegisterDescription, EveryValidRegisterFitsAndIsDistinct) {
  std::set<std::string> seen;
  std::size_t combinations = 0;
  for (const auto& [category, _] : EnumText<Cat>::names) {
    for (auto type : register_types_for(category)) {
      for (auto quantity : register_quantities_for(category, type)) {
        for (auto phase : register_phases_for(quantity)) {
          std::vector<D> directions(register_directions_for(quantity).begin(),
                                    register_directions_for(quantity).end());
          if (type == T::instantaneous && directions.front() != D::none)
            directions.push_back(D::bidirectional);
          for (auto direction : directions) {
            DisplayRegister r = item(0, category, quantity, 1, type, phase);
            r.direction = direction;
            if (category == Cat::register_) {
              r.tou = RegisterTou::rate_h;
              r.storage_type = S::continuous_cumulative;
            }
            const auto text = auto_description(r);
            EXPECT_LE(utf8_length(text), 21u) << text;
            EXPECT_FALSE(text.empty());
            EXPECT_TRUE(seen.insert(text).second) << "duplicate " << text;
            ++combinations;
          }
        }
      }
    }
  }
  EXPECT_GT(combinations, 500u);
}

}  // namespace
}  // namespace jemhead::config::test
