// PROTOCOLS: factory defaults (appendix C point maps), one table of validation cases, the
// register and scaling helpers drivers use, schema coverage.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/analog_scaling.hpp"
#include "core/config/protocols_rules.hpp"

namespace jemhead::config::test {
namespace {

using Change = std::function<void(MeterConfiguration&)>;
using Q = AnalogQuantity;
using T = AnalogMeasurementType;

const std::string kModbus = "protocols.modbus_slave.";
const std::string kDnp = "protocols.dnp_slave.";
const std::string kDlms = "protocols.dlms.";

// Changes Modbus analog point 1 (Watts phase A by default).
Change modbus_analog(std::function<void(ModbusAnalogPoint&)> f) {
  return [f = std::move(f)](MeterConfiguration& c) { f(c.protocols.modbus_slave.analogs[0]); };
}
ModbusAnalogPoint pq_point(T type, Q quantity, int harmonic) {
  ModbusAnalogPoint p;
  p.category = AnalogCategory::power_quality;
  p.measurement_type = type;
  p.quantity = quantity;
  p.phase = AnalogPhase::a;
  p.harmonic_number = harmonic;
  p.direction = AnalogDirection::none;
  return p;
}
Change set_analog(ModbusAnalogPoint p) {
  return [p](MeterConfiguration& c) {
    const int point = c.protocols.modbus_slave.analogs[0].point;
    c.protocols.modbus_slave.analogs[0] = p;
    c.protocols.modbus_slave.analogs[0].point = point;
  };
}
Change dnp_link(DnpDataLinkConfirmMode mode, int dl_ms, int retries, int app_ms) {
  return [=](MeterConfiguration& c) {
    auto& d = c.protocols.dnp_slave;
    d.data_link_confirm_mode = mode;
    d.data_link_confirm_timeout_ms = dl_ms;
    d.data_link_confirm_retries = retries;
    d.application_confirm_timeout_ms = app_ms;
  };
}

TEST(ConfigProtocols, FactoryPointMapsFromAppendixC) {
  const ProtocolSetup s;
  const auto& m = s.modbus_slave;
  ASSERT_EQ(m.counters.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(m.counters[i].point, i + 1);
    EXPECT_EQ(m.counters[i].register_set, RegisterSet::normal);
    EXPECT_EQ(m.counters[i].register_id, i);
    EXPECT_EQ(m.counters[i].scale_factor, 1000);  // "0.001 scaling"
  }
  ASSERT_EQ(m.analogs.size(), 18u);
  EXPECT_EQ(m.analogs[0].quantity, Q::watts);
  EXPECT_EQ(m.analogs[0].phase, AnalogPhase::a);
  EXPECT_EQ(m.analogs[3].phase, AnalogPhase::polyphase);
  EXPECT_EQ(m.analogs[4].quantity, Q::vars);
  EXPECT_EQ(m.analogs[8].quantity, Q::va_vectorial);
  EXPECT_EQ(m.analogs[12].quantity, Q::volts);
  EXPECT_EQ(m.analogs[15].quantity, Q::amps);
  EXPECT_EQ(m.analogs[17].point, 18);
  EXPECT_EQ(m.analogs[17].phase, AnalogPhase::c);
  EXPECT_EQ(m.coils, (std::vector<BinaryOutputPoint>{{1, 3}, {2, 4}}));
  ASSERT_EQ(m.input_status.size(), 5u);
  EXPECT_EQ(m.input_status[2].source, BinaryInputSource::trigger);
  EXPECT_EQ(m.input_status[4].channel, 3);
  EXPECT_EQ(m.input_status_start_address, 10001);
  EXPECT_EQ(m.coils_start_address, 1);

  const auto& d = s.dnp_slave;
  EXPECT_EQ(d.write_time_interval_minutes, 1);
  EXPECT_EQ(d.data_link_confirm_mode, DnpDataLinkConfirmMode::never);
  EXPECT_EQ(d.data_link_confirm_retries, 3);
  EXPECT_EQ(d.restrict_counter_digits, 9);
  EXPECT_EQ(d.time_set_tolerance_seconds, 2);
  EXPECT_EQ(d.analog_input_variation, 3);
  EXPECT_TRUE(d.frozen_counter_events);
  EXPECT_EQ(d.analog_scaling, DnpAnalogScaling::sixteen_bit);
  EXPECT_TRUE(d.class_0_running_counters);
  EXPECT_TRUE(d.class_0_frozen_counters);
  EXPECT_TRUE(d.global_time_set);
  EXPECT_EQ(d.counters, m.counters);
  ASSERT_EQ(d.analogs.size(), 18u);
  EXPECT_EQ(static_cast<const AnalogMeasurement&>(d.analogs[9]),
            static_cast<const AnalogMeasurement&>(m.analogs[9]));
  EXPECT_EQ(d.binary_outputs, (std::vector<BinaryOutputPoint>{{1, 3}, {2, 4}, {3, 5}, {4, 6}}));
  EXPECT_EQ(d.binary_inputs.size(), 2u);

  EXPECT_EQ(s.dlms.max_apdu_transmit, 512);
  EXPECT_EQ(s.dlms.hdlc_max_information_receive_size, 128);
  EXPECT_EQ(s.dlms.hdlc_physical_id, 100);
  EXPECT_EQ(s.dlms.hdlc_inactivity_timeout_seconds, 120);
  EXPECT_EQ(s.dlms.hdlc_interframe_timeout_ms, 1000);
  EXPECT_EQ(s.dlms.tcp_inactivity_timeout_seconds, 60);
  EXPECT_EQ(s.dlms.secure_client_1_password, "ClientId1");
  EXPECT_EQ(s.dlms.secure_client_2_password, "ClientId2");
  EXPECT_EQ(s.iec_61850.maximum_connections, 4);
}

TEST(ConfigProtocols, ModbusRegisterReferences) {
  ModbusSlave m;
  // Counter n takes the register pair 40001+2(n-1), 40002+2(n-1) (L5988-L5990).
  EXPECT_EQ(modbus_counter_register(m, m.counters[0]), 40001);
  EXPECT_EQ(modbus_counter_register(m, m.counters[3]), 40007);
  EXPECT_EQ(modbus_counter_register(m, CounterPoint{300, RegisterSet::normal, 0, 1}), 40599);
  EXPECT_EQ(modbus_analog_register(m, m.analogs[0]), 30001);
  EXPECT_EQ(modbus_analog_register(m, m.analogs[17]), 30018);
  EXPECT_EQ(modbus_coil(m, m.coils[1]), 2);
  EXPECT_EQ(modbus_input_status(m, m.input_status[4]), 10005);
  m.counters_start_address = 41001;
  EXPECT_EQ(modbus_counter_register(m, m.counters[1]), 41003);
}

TEST(ConfigProtocols, AnalogScalingFollowsTheAppendixExamples) {
  AnalogMeasurement amps;
  amps.quantity = Q::amps;
  amps.phase = AnalogPhase::a;
  const auto ra = sixteen_bit_range(amps);
  ASSERT_TRUE(ra);
  EXPECT_EQ(ra->max, 20);
  // Example 1: 12.56 A -> 20578 (L13330-L13345).
  EXPECT_NEAR(decode_sixteen_bit(20578, *ra, 1), 12.56, 0.001);
  // Example 2: polyphase W delivered 1825.438 at scale 10 -> 18809 (L13365-L13380).
  AnalogMeasurement watts;
  watts.phase = AnalogPhase::polyphase;
  const auto rw = sixteen_bit_range(watts);
  ASSERT_TRUE(rw);
  EXPECT_EQ(rw->min, 0);
  EXPECT_EQ(rw->max, 31800);
  // One count is 31800 / 32767 / 10 = 0.097 W: the value is exact to half a count.
  EXPECT_NEAR(decode_sixteen_bit(18809, *rw, 10), 1825.438, 0.05);
  watts.phase = AnalogPhase::b;
  watts.direction = AnalogDirection::bidirectional;
  EXPECT_EQ(sixteen_bit_range(watts)->min, -10600);
  watts.quantity = Q::amps_squared;
  EXPECT_EQ(sixteen_bit_range(watts)->max, 400);
  watts.quantity = Q::pst;
  EXPECT_FALSE(sixteen_bit_range(watts));
  // 32-bit DNP: 1825.438 W x 1000 x 20 = 36508760 (L12339-L12361).
  EXPECT_NEAR(decode_straight(36508760, 20), 1825.438, 1e-9);
}

TEST(ConfigProtocols, QuantityListsPerType) {
  EXPECT_TRUE(analog_quantity_in_type(T::instantaneous, Q::amps_imbalance));
  EXPECT_FALSE(analog_quantity_in_type(T::instantaneous, Q::watt_hours));
  EXPECT_TRUE(analog_quantity_in_type(T::integrated, Q::volts_squared_hours));
  EXPECT_TRUE(analog_quantity_in_type(T::harmonic, Q::volts_thd));
  EXPECT_TRUE(analog_quantity_in_type(T::harmonic, Q::crest_factor));
  EXPECT_FALSE(analog_quantity_in_type(T::harmonic, Q::pst));
  EXPECT_TRUE(analog_quantity_in_type(T::flicker, Q::pinst));
  EXPECT_TRUE(analog_quantity_in_type(T::zero_sequence, Q::amps_sequence_ratio));
  EXPECT_FALSE(analog_quantity_in_type(T::positive_sequence, Q::volts_sequence_ratio));
  EXPECT_TRUE(analog_type_in_category(AnalogCategory::fault, T::positive_sequence));
  EXPECT_FALSE(analog_type_in_category(AnalogCategory::power_quality, T::integrated));
}

TEST(ConfigProtocols, ValidationTable) {
  const std::string unique = "protocol_point_numbers_unique";
  const std::string unique_seed = "L5984-L5990, L6272-L6276, L6331-L6335";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      // Modbus general settings
      {"Modbus start addresses and frame timeout at their limits",
       [](MeterConfiguration& c) {
         auto& m = c.protocols.modbus_slave;
         m.counters_start_address = 49999;
         m.analogs_start_address = 39999;
         m.coils_start_address = 9999;
         m.input_status_start_address = 19999;
         m.frame_timeout_ms = 65000;
         m.register_presets = true;
         m.allow_digital_outputs_control = true;
       },
       {}},
      {"appendix C's swapped start addresses",
       [](MeterConfiguration& c) {
         c.protocols.modbus_slave.counters_start_address = 30001;
         c.protocols.modbus_slave.analogs_start_address = 40001;
       },
       {{kModbus + "counters_start_address", "range", "L5929-L5931, L5986-L5990"},
        {kModbus + "analogs_start_address", "range", "L5929-L5931, L6044-L6048"}}},
      {"coil and input start addresses out of range",
       [](MeterConfiguration& c) {
         c.protocols.modbus_slave.coils_start_address = 0;
         c.protocols.modbus_slave.input_status_start_address = 20000;
       },
       {{kModbus + "coils_start_address", "range", "L13749-L13751"},
        {kModbus + "input_status_start_address", "range", "L13757-L13759"}}},
      {"frame timeout 99 ms",
       [](MeterConfiguration& c) { c.protocols.modbus_slave.frame_timeout_ms = 99; },
       {{kModbus + "frame_timeout_ms", "range", "L5935-L5943, L12862-L12865"}}},
      // Counters (Modbus and DNP)
      {"300 counters on Alternate registers 100-149 at scale 1-1000",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.counters;
         list.clear();
         for (int i = 1; i <= 300; ++i)
           list.push_back({i, RegisterSet::alternate, 100 + (i % 50), i <= 150 ? 1 : 1000});
       },
       {}},
      {"301 counters",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.dnp_slave.counters;
         list.clear();
         for (int i = 1; i <= 301; ++i) list.push_back({1 + (i % 300), RegisterSet::normal, 0, 1});
       },
       {{kDnp + "counters", "count", "L6266-L6310, L13799-L13805"},
        {kDnp + "counters[300].point", unique, unique_seed}}},
      {"counter point 0 and 301",
       [](MeterConfiguration& c) {
         c.protocols.modbus_slave.counters[0].point = 0;
         c.protocols.modbus_slave.counters[1].point = 301;
       },
       {{kModbus + "counters[0].point", "range", "L5984-L5990, L6272-L6276"},
        {kModbus + "counters[1].point", "range", "L5984-L5990, L6272-L6276"}}},
      {"counter point listed twice",
       [](MeterConfiguration& c) { c.protocols.modbus_slave.counters[3].point = 1; },
       {{kModbus + "counters[3].point", unique, unique_seed}}},
      {"counter register IDs outside their set",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.dnp_slave.counters;
         list[0].register_id = 100;  // normal
         list[1].register_set = RegisterSet::alternate;
         list[1].register_id = 49;
         list[2].register_id = 150;  // normal, and beyond every set
       },
       {{kDnp + "counters[2].register_id", "range", "L6006-L6018"},
        {kDnp + "counters[0].register_id", "counter_register_id_for_set", "L6006-L6018"},
        {kDnp + "counters[1].register_id", "counter_register_id_for_set", "L6006-L6018"},
        {kDnp + "counters[2].register_id", "counter_register_id_for_set", "L6006-L6018"}}},
      {"counter scale 0 and 1001",
       [](MeterConfiguration& c) {
         c.protocols.modbus_slave.counters[0].scale_factor = 0;
         c.protocols.modbus_slave.counters[1].scale_factor = 1001;
       },
       {{kModbus + "counters[0].scale_factor", "range", "L6022-L6031, L12209-L12215"},
        {kModbus + "counters[1].scale_factor", "range", "L6022-L6031, L12209-L12215"}}},
      // Modbus analogs
      {"Modbus analog scale 100, point 200",
       modbus_analog([](ModbusAnalogPoint& p) {
         p.scale_factor = 100;
         p.point = 200;
       }),
       {}},
      {"Modbus analog scale 101, point 0",
       modbus_analog([](ModbusAnalogPoint& p) {
         p.scale_factor = 101;
         p.point = 0;
       }),
       {{kModbus + "analogs[0].point", "range", "L6042-L6048, L13197-L13213"},
        {kModbus + "analogs[0].scale_factor", "range", "L6099-L6105, L13355-L13361"}}},
      {"201 Modbus analogs",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.analogs;
         list.resize(201);
         for (int i = 0; i < 201; ++i) list[i].point = 1 + (i % 200);
       },
       {{kModbus + "analogs", "count", "L6033-L6105, L13710-L13745"},
        {kModbus + "analogs[200].point", unique, unique_seed}}},
      {"harmonic type in the metering category",
       modbus_analog([](ModbusAnalogPoint& p) { p.measurement_type = T::harmonic; }),
       {{kModbus + "analogs[0].measurement_type", "analog_point_type_for_category",
         "L6050-L6062"}}},
      {"Pst as an instantaneous quantity",
       modbus_analog([](ModbusAnalogPoint& p) { p.quantity = Q::pst; }),
       {{kModbus + "analogs[0].quantity", "analog_point_quantity_for_type",
         "L6064-L6066, L12266-L12320, L13060-L13262"}}},
      {"integrated Wh, flicker Pst, negative sequence ratio",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.analogs;
         list[0].measurement_type = T::integrated;
         list[0].quantity = Q::watt_hours;
         list[1] = pq_point(T::flicker, Q::pst, 0);
         list[1].point = 2;
         list[2].category = AnalogCategory::fault;
         list[2].measurement_type = T::negative_sequence;
         list[2].quantity = Q::volts_sequence_ratio;
       },
       {}},
      {"positive sequence ratio",
       [](MeterConfiguration& c) {
         auto& p = c.protocols.dnp_slave.analogs[0];
         p.category = AnalogCategory::fault;
         p.measurement_type = T::positive_sequence;
         p.quantity = Q::amps_sequence_ratio;
       },
       {{kDnp + "analogs[0].quantity", "analog_point_quantity_for_type",
         "L6064-L6066, L12266-L12320, L13060-L13262"}}},
      {"64th harmonic and 50th interharmonic",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.analogs;
         list[0] = pq_point(T::harmonic, Q::amps_harmonic_angle, 64);
         list[0].point = 1;
         list[1] = pq_point(T::interharmonic, Q::volts_interharmonic_magnitude, 50);
         list[1].point = 2;
         list[2] = pq_point(T::harmonic, Q::volts_harmonic_magnitude, 2);
         list[2].point = 3;
       },
       {}},
      {"harmonic 65",
       set_analog(pq_point(T::harmonic, Q::volts_harmonic_magnitude, 65)),
       {{kModbus + "analogs[0].harmonic_number", "range", "L6076-L6078, L12302-L12310"},
        {kModbus + "analogs[0].harmonic_number", "analog_point_harmonic_number",
         "L6076-L6078, L12302-L12310"}}},
      {"harmonic 1",
       set_analog(pq_point(T::harmonic, Q::volts_harmonic_magnitude, 1)),
       {{kModbus + "analogs[0].harmonic_number", "analog_point_harmonic_number",
         "L6076-L6078, L12302-L12310"}}},
      {"interharmonic 51",
       set_analog(pq_point(T::interharmonic, Q::amps_interharmonic_magnitude, 51)),
       {{kModbus + "analogs[0].harmonic_number", "analog_point_harmonic_number",
         "L6076-L6078, L12302-L12310"}}},
      {"harmonic number on Watts",
       modbus_analog([](ModbusAnalogPoint& p) { p.harmonic_number = 3; }),
       {{kModbus + "analogs[0].harmonic_number", "analog_point_harmonic_number",
         "L6076-L6078, L12302-L12310"}}},
      {"neutral Amps, Q1 VARs",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.analogs;
         list[15].phase = AnalogPhase::neutral;
         list[4].direction = AnalogDirection::q1;
         list[5].direction = AnalogDirection::q4;
       },
       {}},
      {"neutral Volts",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.analogs[12].phase = AnalogPhase::neutral;
       },
       {{kDnp + "analogs[12].phase", "analog_point_phase_for_quantity", "L6068-L6078"}}},
      {"Q2 Watts",
       modbus_analog([](ModbusAnalogPoint& p) { p.direction = AnalogDirection::q2; }),
       {{kModbus + "analogs[0].direction", "analog_point_direction_for_quantity", "L6079-L6085"}}},
      // Binary points
      {"14 coils and outputs on channel 14",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.coils;
         list.clear();
         for (int i = 1; i <= 14; ++i) list.push_back({i, 15 - i});
       },
       {}},
      {"15 coils, point 15 and channel 0",
       [](MeterConfiguration& c) {
         auto& list = c.protocols.modbus_slave.coils;
         list.assign(15, BinaryOutputPoint{});
         for (int i = 0; i < 15; ++i) list[i].point = i + 1;
         list[0].output_channel = 0;
       },
       {{kModbus + "coils", "count", "L6109-L6115, L13749-L13755"},
        {kModbus + "coils[0].output_channel", "range", "L12951-L12977"},
        {kModbus + "coils[14].point", "range", "L6109-L6115, L6412-L6418"}}},
      {"binary output point listed twice",
       [](MeterConfiguration& c) { c.protocols.dnp_slave.binary_outputs[3].point = 2; },
       {{kDnp + "binary_outputs[3].point", unique, unique_seed}}},
      {"trigger 64, digital input 14, battery status",
       [](MeterConfiguration& c) {
         c.protocols.modbus_slave.input_status = {{1, BinaryInputSource::trigger, 64},
                                                  {2, BinaryInputSource::digital_input, 14},
                                                  {100, BinaryInputSource::battery_status, 0}};
       },
       {}},
      {"trigger 65, digital input 15 and 0, status with a channel, point 101",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.binary_inputs = {{1, BinaryInputSource::trigger, 65},
                                                {2, BinaryInputSource::digital_input, 15},
                                                {3, BinaryInputSource::digital_input, 0},
                                                {101, BinaryInputSource::firmware_status, 1}};
       },
       {{kDnp + "binary_inputs[0].channel", "range", "L12941-L13003"},
        {kDnp + "binary_inputs[3].point", "range", "L6117-L6123, L6420-L6426"},
        {kDnp + "binary_inputs[0].channel", "binary_input_channel_for_source", "L12941-L13003"},
        {kDnp + "binary_inputs[1].channel", "binary_input_channel_for_source", "L12941-L13003"},
        {kDnp + "binary_inputs[2].channel", "binary_input_channel_for_source", "L12941-L13003"},
        {kDnp + "binary_inputs[3].channel", "binary_input_channel_for_source", "L12941-L13003"}}},
      {"input status point listed twice",
       [](MeterConfiguration& c) { c.protocols.modbus_slave.input_status[4].point = 1; },
       {{kModbus + "input_status[4].point", unique, unique_seed}}},
      // DNP general settings
      {"DNP digits 3, variation 4, 32-bit scaling",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.restrict_counter_digits = 3;
         c.protocols.dnp_slave.analog_input_variation = 4;
         c.protocols.dnp_slave.analog_scaling = DnpAnalogScaling::thirty_two_bit;
       },
       {}},
      {"DNP digits 2 and 10, variation 5",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.restrict_counter_digits = 2;
         c.protocols.dnp_slave.analog_input_variation = 5;
       },
       {{kDnp + "restrict_counter_digits", "enum", "L6201-L6219, L13783"},
        {kDnp + "analog_input_variation", "enum", "L6239-L6249, L13787"}}},
      {"DNP ranges",
       [](MeterConfiguration& c) {
         auto& d = c.protocols.dnp_slave;
         d.write_time_interval_minutes = 1441;
         d.data_link_confirm_timeout_ms = 0;
         d.data_link_confirm_retries = 256;
         d.time_set_tolerance_seconds = 3601;
         d.inactivity_timeout_seconds = -1;
       },
       {{kDnp + "write_time_interval_minutes", "range", "L6146-L6152, L13773"},
        {kDnp + "data_link_confirm_timeout_ms", "range", "L6154-L6158, L13775"},
        {kDnp + "data_link_confirm_retries", "range", "L6196-L6199, L13781"},
        {kDnp + "time_set_tolerance_seconds", "range", "L6221-L6229, L13785"},
        {kDnp + "inactivity_timeout_seconds", "range", "L6259-L6265"}}},
      {"app confirm 401 ms > 100 ms x (3 + 1)",
       dnp_link(DnpDataLinkConfirmMode::always, 100, 3, 401),
       {}},
      {"app confirm 400 ms = 100 ms x (3 + 1)",
       dnp_link(DnpDataLinkConfirmMode::sometimes, 100, 3, 400),
       {{kDnp + "application_confirm_timeout_ms", "dnp_app_confirm_timeout", "L6182-L6194"}}},
      {"app confirm not checked without data link confirms",
       dnp_link(DnpDataLinkConfirmMode::never, 100, 3, 400),
       {}},
      {"DNP analog scale 100 with the 16-bit method",
       [](MeterConfiguration& c) { c.protocols.dnp_slave.analogs[0].scale_factor = 100; },
       {}},
      {"DNP analog scale 1000 with 32-bit scaling",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.analog_scaling = DnpAnalogScaling::thirty_two_bit;
         c.protocols.dnp_slave.analogs[0].scale_factor = 1000;
       },
       {}},
      {"DNP analog scale 101 with the 16-bit method, 1001 and point 201",
       [](MeterConfiguration& c) {
         c.protocols.dnp_slave.analogs[0].scale_factor = 101;
         c.protocols.dnp_slave.analogs[1].scale_factor = 1001;
         c.protocols.dnp_slave.analogs[2].point = 201;
       },
       {{kDnp + "analogs[1].scale_factor", "range", "L6386-L6402, L12331-L12480"},
        {kDnp + "analogs[2].point", "range", "L6331-L6335"},
        {kDnp + "analogs[0].scale_factor", "dnp_analog_scale_for_method",
         "L6396-L6402, L12384-L12480"},
        {kDnp + "analogs[1].scale_factor", "dnp_analog_scale_for_method",
         "L6396-L6402, L12384-L12480"}}},
      // DLMS and IEC 61850
      {"DLMS at its limits, secure clients on",
       [](MeterConfiguration& c) {
         auto& d = c.protocols.dlms;
         d.max_apdu_transmit = 65535;
         d.max_apdu_receive = 0;
         d.hdlc_max_information_receive_size = 2014;
         d.hdlc_max_information_transmit_size = 64;
         d.hdlc_max_window_receive_size = 7;
         d.hdlc_max_window_transmit_size = 1;
         d.hdlc_physical_id = 16381;
         d.hdlc_interframe_timeout_ms = 20;
         d.secure_client_1_enabled = true;
         d.secure_client_2_enabled = true;
         c.protocols.iec_61850.maximum_connections = 10;
       },
       {}},
      {"DLMS out of range",
       [](MeterConfiguration& c) {
         auto& d = c.protocols.dlms;
         d.max_apdu_transmit = 65536;
         d.max_apdu_receive = -1;
         d.hdlc_max_information_receive_size = 2015;
         d.hdlc_max_information_transmit_size = 63;
         d.hdlc_max_window_receive_size = 0;
         d.hdlc_max_window_transmit_size = 8;
         d.hdlc_physical_id = 15;
         d.hdlc_inactivity_timeout_seconds = 65536;
         d.hdlc_interframe_timeout_ms = 6001;
         d.tcp_inactivity_timeout_seconds = -1;
         c.protocols.iec_61850.maximum_connections = 0;
       },
       {{kDlms + "max_apdu_transmit", "range", "L6486-L6488"},
        {kDlms + "max_apdu_receive", "range", "L6492-L6494"},
        {kDlms + "hdlc_max_information_receive_size", "range", "L6502-L6504"},
        {kDlms + "hdlc_max_information_transmit_size", "range", "L6508-L6510"},
        {kDlms + "hdlc_max_window_receive_size", "range", "L6514-L6515"},
        {kDlms + "hdlc_max_window_transmit_size", "range", "L6519-L6521"},
        {kDlms + "hdlc_physical_id", "range", "L6525-L6527"},
        {kDlms + "hdlc_inactivity_timeout_seconds", "range", "L6531-L6533"},
        {kDlms + "hdlc_interframe_timeout_ms", "range", "L6537-L6539"},
        {kDlms + "tcp_inactivity_timeout_seconds", "range", "L6547-L6549"},
        {"protocols.iec_61850.maximum_connections", "range", "L6613-L6615"}}},
      {"IEC 61850 11 connections",
       [](MeterConfiguration& c) { c.protocols.iec_61850.maximum_connections = 11; },
       {{"protocols.iec_61850.maximum_connections", "range", "L6613-L6615"}}},
      {"secure clients without passwords, one too long",
       [](MeterConfiguration& c) {
         auto& d = c.protocols.dlms;
         d.secure_client_1_enabled = true;
         d.secure_client_1_password.clear();
         d.secure_client_2_enabled = true;
         d.secure_client_2_password.clear();
         d.secure_client_1_password = std::string(33, 'x');
       },
       {{kDlms + "secure_client_1_password", "max_length", "L6567-L6571, L6587-L6593"},
        {kDlms + "secure_client_2_password", "dlms_secure_password_required", "L6567-L6583"}}},
      {"secure client 1 without a password",
       [](MeterConfiguration& c) {
         c.protocols.dlms.secure_client_1_enabled = true;
         c.protocols.dlms.secure_client_1_password.clear();
       },
       {{kDlms + "secure_client_1_password", "dlms_secure_password_required", "L6567-L6583"}}},
      {"disabled secure client without a password",
       [](MeterConfiguration& c) { c.protocols.dlms.secure_client_2_password.clear(); },
       {}},
  });
}

TEST(ConfigProtocols, RulesAreListed) {
  EXPECT_EQ(protocols_rule_refs().size(), 11u);
}

TEST(ConfigProtocols, SchemaCoversEveryField) {
  MeterConfiguration c;
  auto& m = c.protocols.modbus_slave;
  m.counters.resize(1);
  m.analogs.resize(1);
  m.coils.resize(1);
  m.input_status.resize(1);
  auto& d = c.protocols.dnp_slave;
  d.counters.resize(1);
  d.analogs.resize(1);
  d.binary_outputs.resize(1);
  d.binary_inputs.resize(1);
  // Modbus 7 + 4 + 9 + 2 + 3, DNP 14 + 4 + 9 + 2 + 3, DLMS 15, IEC 61850 1.
  EXPECT_EQ(section_leaves(c, "protocols"), 73);
}

}  // namespace
}  // namespace jemhead::config::test
