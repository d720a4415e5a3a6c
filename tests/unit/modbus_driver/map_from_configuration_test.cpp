// The Modbus driver's PointMap built from the meter's configuration document
// (map_from_configuration.hpp), and the precedence profile map > configuration > factory
// default in load_modbus_profile.
#include "drivers/protocol/modbus/map_from_configuration.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "drivers/protocol/modbus/factory_map.hpp"
#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/profile_config.hpp"
#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {
namespace {

namespace json = boost::json;
using CQ = config::AnalogQuantity;

// ---- the factory defaults of both models ----

TEST(ConfiguredModbusMap, FactoryConfigurationHasTheDriverFactoryLayout) {
  const auto converted = convert_configured_map(config::MeterConfiguration{});
  const auto& mine = converted.map;
  const auto& factory = *factory_default_map();
  EXPECT_TRUE(converted.omitted.empty());
  ASSERT_TRUE(validate(mine).ok()) << validate(mine).summary();

  EXPECT_EQ(mine.pt_ratio, factory.pt_ratio);
  EXPECT_EQ(mine.ct_ratio, factory.ct_ratio);
  EXPECT_EQ(mine.allow_register_presets, factory.allow_register_presets);
  EXPECT_EQ(mine.allow_output_control, factory.allow_output_control);
  EXPECT_EQ(mine.counters.start_address, factory.counters.start_address);
  EXPECT_EQ(mine.analogs.start_address, factory.analogs.start_address);
  EXPECT_EQ(mine.coils.start_address, factory.coils.start_address);
  EXPECT_EQ(mine.discrete_inputs.start_address, factory.discrete_inputs.start_address);

  // Analogs: same points and the same decoding of every raw value (names differ).
  ASSERT_EQ(mine.analogs.points.size(), factory.analogs.points.size());
  for (std::size_t i = 0; i < mine.analogs.points.size(); ++i) {
    const auto& a = mine.analogs.points[i];
    const auto& b = factory.analogs.points[i];
    SCOPED_TRACE(b.name);
    EXPECT_EQ(a.point, b.point);
    EXPECT_EQ(a.quantity, b.quantity);
    EXPECT_EQ(a.phase, b.phase);
    EXPECT_EQ(a.direction, b.direction);
    EXPECT_EQ(a.scale_factor, b.scale_factor);
    EXPECT_EQ(a.compensated, b.compensated);
    EXPECT_EQ(a.primary, b.primary);
    EXPECT_EQ(address_of(mine, a), address_of(factory, b));
    for (std::int16_t raw : {std::int16_t{0}, std::int16_t{12345}, std::int16_t{32767}}) {
      const auto x = decode_analog(mine, a, raw);
      const auto y = decode_analog(factory, b, raw);
      EXPECT_DOUBLE_EQ(x.value, y.value);
      EXPECT_EQ(x.unit, y.unit);
    }
  }

  // Coils and discrete inputs: identical, names included.
  EXPECT_EQ(mine.coils, factory.coils);
  EXPECT_EQ(mine.discrete_inputs, factory.discrete_inputs);

  // Counters: same points and addresses. Appendix C's "0.001 scaling" is factor 1000 in the
  // configuration (the manual's range is 1-1000, L13165) but 0.001 in the driver's file.
  ASSERT_EQ(mine.counters.points.size(), factory.counters.points.size());
  for (std::size_t i = 0; i < mine.counters.points.size(); ++i) {
    const auto& a = mine.counters.points[i];
    const auto& b = factory.counters.points[i];
    EXPECT_EQ(a.point, b.point);
    EXPECT_EQ(a.register_set, b.register_set);
    EXPECT_EQ(address_of(mine, a), address_of(factory, b));
    EXPECT_EQ(a.register_id, std::optional<std::uint16_t>(static_cast<std::uint16_t>(i)));
    EXPECT_EQ(a.scale_factor, 1000);
    EXPECT_EQ(b.scale_factor, 0.001);
  }
}

TEST(ConfiguredModbusMap, FactoryCountersReadTheSameDisplayValueAtDifferentResolution) {
  // The same display register value (1234.567, e.g. kWh) as each map's meter sends it.
  const auto map = point_map_from_configuration(config::MeterConfiguration{});
  const auto& mine = map.counters.points[0];
  const auto& factory = factory_default_map()->counters.points[0];
  const auto mine_words = encode_counter(mine, 1234.567);
  const auto factory_words = encode_counter(factory, 1234.567);
  EXPECT_EQ(combine_words(mine_words[0], mine_words[1]), 1234567u);  // one count = 0.001
  EXPECT_EQ(combine_words(factory_words[0], factory_words[1]), 1u);  // one count = 1000
  EXPECT_DOUBLE_EQ(decode_counter(mine, mine_words[0], mine_words[1]), 1234.567);
  EXPECT_DOUBLE_EQ(decode_counter(factory, factory_words[0], factory_words[1]), 1000);
  // A value both resolutions carry exactly reads the same through both maps.
  const auto a = encode_counter(mine, 4000);
  const auto b = encode_counter(factory, 4000);
  EXPECT_DOUBLE_EQ(decode_counter(mine, a[0], a[1]), decode_counter(factory, b[0], b[1]));
}

// ---- a custom map, field by field ----

config::MeterConfiguration custom_configuration() {
  config::MeterConfiguration c;
  c.primary.vt_primary = 14400;
  c.primary.vt_secondary = 120;
  c.primary.ct_primary = 400;
  c.primary.ct_secondary = 5;
  auto& m = c.protocols.modbus_slave;
  m.counters_start_address = 40101;
  m.analogs_start_address = 30201;
  m.coils_start_address = 5;
  m.input_status_start_address = 10051;
  m.register_presets = true;
  m.allow_digital_outputs_control = true;
  m.counters = {{7, config::RegisterSet::alternate, 105, 10},
                {8, config::RegisterSet::normal, 49, 1}};
  config::ModbusAnalogPoint pf;
  pf.point = 3;
  pf.quantity = CQ::pf_vectorial;
  pf.phase = config::AnalogPhase::c;
  pf.direction = config::AnalogDirection::bidirectional;
  pf.tlc = config::AnalogTlc::compensated;
  pf.scale_factor = 10;
  config::ModbusAnalogPoint neutral;
  neutral.point = 9;
  neutral.quantity = CQ::amps;
  neutral.phase = config::AnalogPhase::neutral;
  neutral.direction = config::AnalogDirection::none;
  config::ModbusAnalogPoint harmonic;
  harmonic.point = 10;
  harmonic.category = config::AnalogCategory::power_quality;
  harmonic.measurement_type = config::AnalogMeasurementType::harmonic;
  harmonic.quantity = CQ::volts_harmonic_magnitude;
  harmonic.harmonic_number = 5;
  m.analogs = {pf, neutral, harmonic};
  m.coils = {{2, 9}};
  m.input_status = {{4, config::BinaryInputSource::battery_status, 0},
                    {6, config::BinaryInputSource::trigger, 64}};
  return c;
}

TEST(ConfiguredModbusMap, CustomMapConvertsFieldByField) {
  const auto converted = convert_configured_map(custom_configuration());
  const auto& map = converted.map;
  ASSERT_TRUE(validate(map).ok()) << validate(map).summary();
  EXPECT_DOUBLE_EQ(map.pt_ratio, 120);
  EXPECT_DOUBLE_EQ(map.ct_ratio, 80);
  EXPECT_TRUE(map.allow_register_presets);
  EXPECT_TRUE(map.allow_output_control);

  EXPECT_EQ(map.counters.start_address, 40101u);
  ASSERT_EQ(map.counters.points.size(), 2u);
  const auto& c7 = map.counters.points[0];
  EXPECT_EQ(c7.point, 7);
  EXPECT_EQ(c7.register_set, RegisterSet::alternate);
  EXPECT_EQ(c7.register_id, std::optional<std::uint16_t>(105));
  EXPECT_EQ(c7.scale_factor, 10);
  EXPECT_EQ(c7.name, "Alternate register 105");
  EXPECT_EQ(address_of(map, c7), 100 + 2 * 6);  // 40101 -> 100, pair of point 7
  EXPECT_EQ(map.counters.points[1].register_set, RegisterSet::normal);
  EXPECT_EQ(map.counters.points[1].register_id, std::optional<std::uint16_t>(49));

  EXPECT_EQ(map.analogs.start_address, 30201u);
  ASSERT_EQ(map.analogs.points.size(), 2u);  // the harmonic is left out
  const auto& a3 = map.analogs.points[0];
  EXPECT_EQ(a3.point, 3);
  EXPECT_EQ(a3.quantity, AnalogQuantity::power_factor_vector);
  EXPECT_EQ(a3.phase, Phase::c);
  EXPECT_EQ(a3.direction, Direction::bidirectional);
  EXPECT_TRUE(a3.compensated);
  EXPECT_EQ(a3.scale_factor, 10);
  EXPECT_EQ(address_of(map, a3), 200 + 2);
  const auto& a9 = map.analogs.points[1];
  EXPECT_EQ(a9.quantity, AnalogQuantity::amps);
  EXPECT_EQ(a9.phase, Phase::neutral);
  EXPECT_EQ(a9.direction, Direction::delivered);
  EXPECT_FALSE(a9.compensated);
  ASSERT_EQ(converted.omitted.size(), 1u);
  EXPECT_EQ(converted.omitted[0].rfind("analogs/10: volts_harmonic_magnitude", 0), 0u)
      << converted.omitted[0];

  EXPECT_EQ(map.coils.start_address, 5u);
  ASSERT_EQ(map.coils.points.size(), 1u);
  EXPECT_EQ(map.coils.points[0].point, 2);
  EXPECT_EQ(map.coils.points[0].channel, 9);
  EXPECT_EQ(map.coils.points[0].name, "Ch9");
  EXPECT_EQ(address_of(map, map.coils.points[0]), 4 + 1);

  EXPECT_EQ(map.discrete_inputs.start_address, 10051u);
  ASSERT_EQ(map.discrete_inputs.points.size(), 2u);
  const auto& d4 = map.discrete_inputs.points[0];
  EXPECT_EQ(d4.point, 4);
  EXPECT_EQ(d4.source, DiscreteSource::meter_status);
  EXPECT_EQ(d4.status, std::optional<MeterStatus>(MeterStatus::battery));
  EXPECT_EQ(d4.polarity, Polarity::active_high);
  const auto& d6 = map.discrete_inputs.points[1];
  EXPECT_EQ(d6.source, DiscreteSource::trigger);
  EXPECT_EQ(d6.channel, 64);
  EXPECT_EQ(d6.status, std::nullopt);
  EXPECT_EQ(d6.name, "Trigger Ch 64");
}

// ---- each enumeration mapping ----

TEST(ConfiguredModbusMap, EveryAnalogQuantityMapsOrIsLeftOut) {
  const std::vector<std::pair<CQ, std::string_view>> mapped = {
      {CQ::volts, "volts"},
      {CQ::amps, "amps"},
      {CQ::watts, "watts"},
      {CQ::vars, "vars"},
      {CQ::va_vectorial, "va_vector"},
      {CQ::va_arithmetic, "va_arithmetic"},
      {CQ::frequency, "frequency"},
      {CQ::pf_vectorial, "power_factor_vector"},
      {CQ::pf_arithmetic, "power_factor_arithmetic"},
      {CQ::q, "q"},
      {CQ::volts_thd, "volt_thd"},
      {CQ::amps_thd, "amp_thd"},
      {CQ::volts_squared, "volts_squared"},
      {CQ::amps_squared, "amps_squared"},
      {CQ::volts_imbalance, "volt_imbalance"},
      {CQ::amps_imbalance, "amp_imbalance"},
  };
  std::size_t left_out = 0;
  for (const auto& [q, text] : EnumText<CQ>::names) {
    SCOPED_TRACE(text);
    const auto it =
        std::find_if(mapped.begin(), mapped.end(), [q = q](const auto& m) { return m.first == q; });
    const auto got = driver_quantity(q);
    if (it == mapped.end()) {
      EXPECT_EQ(got, std::nullopt);
      ++left_out;
    } else {
      ASSERT_TRUE(got);
      EXPECT_EQ(jemhead::to_text(*got), it->second);
    }
  }
  EXPECT_EQ(left_out, EnumText<CQ>::names.size() - mapped.size());
}

TEST(ConfiguredModbusMap, EveryPhaseDirectionAndSourceMaps) {
  for (const auto& [p, text] : EnumText<config::AnalogPhase>::names) {
    // Same words, the configuration writes A/B/C in capitals.
    std::string lower(text);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(jemhead::to_text(driver_phase(p)), lower);
  }
  for (const auto& [d, text] : EnumText<config::AnalogDirection>::names) {
    std::string lower(text);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(jemhead::to_text(driver_direction(d)), lower == "none" ? "delivered" : lower);
  }
  for (const auto& [s, text] : EnumText<config::BinaryInputSource>::names) {
    SCOPED_TRACE(text);
    const auto got = driver_discrete_source(s);
    if (text == "digital_input" || text == "trigger") {
      EXPECT_EQ(jemhead::to_text(got.source), text);
      EXPECT_EQ(got.status, std::nullopt);
    } else {
      // volts_phase_a_status -> meter_status + volts_phase_a
      EXPECT_EQ(got.source, DiscreteSource::meter_status);
      ASSERT_TRUE(got.status);
      std::string expected(text);
      expected.resize(expected.size() - std::string_view("_status").size());
      EXPECT_EQ(jemhead::to_text(*got.status), expected);
    }
  }
}

// ---- precedence: profile map > configuration > factory default ----

ConnectionProfile profile(std::string options = "{}") {
  ConnectionProfile p;
  p.name = "modbus";
  p.protocol = Protocol::modbus;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.port = 502;
  p.address = 1;
  p.options_json = std::move(options);
  return p;
}

Meter configured_meter(const config::MeterConfiguration& c, std::int64_t version) {
  Meter m;
  m.id = 4;
  m.configuration_version = version;
  m.configuration_json = std::make_shared<const std::string>(json::serialize(config::to_json(c)));
  return m;
}

TEST(ConfiguredModbusMap, ProfileWithoutMapUsesTheMeterConfiguration) {
  const auto c = custom_configuration();
  const auto load = load_modbus_profile(profile(), configured_meter(c, 3));
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.map_source, "configuration version 3");
  auto expected = point_map_from_configuration(c);
  expected.name = "configuration version 3";
  EXPECT_EQ(load.config.map, expected);
}

TEST(ConfiguredModbusMap, ProfileMapWinsOverTheConfiguration) {
  const auto meter = configured_meter(custom_configuration(), 3);
  const auto inline_map = std::string(R"({"map":)") + std::string(factory_default_map_json()) + "}";
  const auto load = load_modbus_profile(profile(inline_map), meter);
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.map_source, "inline");
  EXPECT_EQ(load.config.map, *factory_default_map());
}

TEST(ConfiguredModbusMap, MeterWithoutConfigurationUsesTheFactoryMap) {
  Meter bare;
  bare.id = 4;
  const auto load = load_modbus_profile(profile(), bare);
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.map_source, "factory default");
  EXPECT_EQ(load.config.map, *factory_default_map());
}

TEST(ConfiguredModbusMap, UnreadableConfigurationFailsInsteadOfFallingBack) {
  Meter meter;
  meter.configuration_version = 2;
  meter.configuration_json = std::make_shared<const std::string>(
      R"({"protocols":{"modbus_slave":{"counters_start_address":"forty"}}})");
  const auto load = load_modbus_profile(profile(), meter);
  EXPECT_FALSE(load.ok());
  EXPECT_EQ(load.config.map_source, "configuration version 2");
  ASSERT_FALSE(load.problems.errors().empty());
  EXPECT_EQ(load.problems.errors()[0].field.rfind("configuration/", 0), 0u)
      << load.problems.errors()[0].field;

  meter.configuration_json = std::make_shared<const std::string>("{not json");
  EXPECT_FALSE(load_modbus_profile(profile(), meter).ok());
}

}  // namespace
}  // namespace jemhead::modbus
