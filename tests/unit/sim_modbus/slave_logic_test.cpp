// The slave's request handling without any transport: PDUs in, PDUs out, compared with
// the snapshot the truth endpoint prints and with the metrology model directly.
#include <gtest/gtest.h>

#include <cmath>

#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/words.hpp"
#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/fault_injection.hpp"
#include "sim/modbus/modbus_slave.hpp"
#include "test_clients.hpp"

namespace jemhead::sim {
namespace {

namespace mb = modbus;
using testing::Outcome;

constexpr const char* kFleet = R"(
seed: 11
start_time: "2026-03-02T10:00:00Z"
time_factor: 100000
meters:
  count: 1
  integration_step: 60
  nominal_voltage: 120
  modbus: { allow_register_presets: true, allow_output_control: true }
)";

class SlaveLogic : public ::testing::Test {
 protected:
  SlaveLogic()
      : spec_(parse_fleet(kFleet, "slave.yaml")),
        fleet_(spec_, utc_now(), real_start_),
        slave_(*fleet_.meters()[0], spec_.meters[0].modbus, [this] { return now_; }) {}

  Outcome ask(const mb::Request& request) {
    const auto pdu = slave_.serve(mb::encode_request(request));
    return mb::decode_response(request, pdu);
  }
  Truth truth() { return fleet_.meters()[0]->truth_now(now_); }

  RealClock::time_point real_start_ = RealClock::now();
  RealClock::time_point now_ = real_start_ + std::chrono::seconds(1);  // 27.8 h simulated
  FleetSpec spec_;
  Fleet fleet_;
  ModbusSlave slave_;
};

TEST_F(SlaveLogic, HoldingRegistersAreTheEnergyRegistersHighWordFirst) {
  const auto regs = testing::registers_of(
      ask(mb::ReadRegistersRequest{mb::FunctionCode::read_holding_registers, 0, 8}));
  ASSERT_EQ(regs.size(), 8u);
  const PhaseEnergy poly = truth().energy.phase[kPoly];
  // Factory map: Wh del, Wh rec, VARh del, VARh rec, polyphase, 0.001 scaling (kWh).
  const double expected[4] = {poly.wh_delivered, poly.wh_received, poly.varh_delivered,
                              poly.varh_received};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(mb::combine_words(regs[2 * i], regs[2 * i + 1]),
              static_cast<std::uint32_t>(std::llround(expected[i] * 0.001)))
        << "counter " << i + 1;
  EXPECT_GT(mb::combine_words(regs[0], regs[1]), 0u) << "27 h of load delivers some kWh";
  const auto snap = slave_.snapshot();
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->image.counters[0].display, poly.wh_delivered);
}

TEST_F(SlaveLogic, InputRegistersFollowTheManualsScalingFormula) {
  const auto regs = testing::registers_of(
      ask(mb::ReadRegistersRequest{mb::FunctionCode::read_input_registers, 0, 18}));
  ASSERT_EQ(regs.size(), 18u);
  const auto v = truth().instantaneous;
  // raw = round(value / range x 32767): watts A over the 1-phase 10600 W row, polyphase over
  // 31800 W, volts over 530 V, amps over 20 A (L13280-13320).
  EXPECT_EQ(static_cast<std::int16_t>(regs[0]),
            std::lround(std::max(v.phase[0].watts, 0.0) / 10600 * 32767));
  EXPECT_EQ(static_cast<std::int16_t>(regs[3]),
            std::lround(std::max(v.total.watts, 0.0) / 31800 * 32767));
  EXPECT_EQ(static_cast<std::int16_t>(regs[12]), std::lround(v.phase[0].volts / 530 * 32767));
  EXPECT_EQ(static_cast<std::int16_t>(regs[17]), std::lround(v.phase[2].amps / 20 * 32767));
  EXPECT_GT(regs[12], 7000) << "about 120 V";
  const auto snap = slave_.snapshot();
  for (std::size_t i = 0; i < 18; ++i)
    EXPECT_EQ(static_cast<std::uint16_t>(snap->image.analogs[i].raw), regs[i]) << i;
}

TEST_F(SlaveLogic, DiscreteInputsFollowInputsTriggersAndOverrides) {
  const mb::ReadBitsRequest read{mb::FunctionCode::read_discrete_inputs, 0, 5};
  // DI 1, DI 2 open; triggers 1-3 = phase volts above 100 V (Appendix C) at 120 V nominal.
  EXPECT_EQ(testing::bits_of(ask(read)), (std::vector<bool>{false, false, true, true, true}));
  slave_.set_digital_input(2, true);
  slave_.force_trigger(1, false);
  EXPECT_EQ(testing::bits_of(ask(read)), (std::vector<bool>{false, true, false, true, true}));
  slave_.force_trigger(1, std::nullopt);
  EXPECT_EQ(testing::bits_of(ask(read))[2], true);
}

TEST_F(SlaveLogic, CoilsDriveTheirDioChannels) {
  const mb::ReadBitsRequest read{mb::FunctionCode::read_coils, 0, 2};
  EXPECT_EQ(testing::bits_of(ask(read)), (std::vector<bool>{false, false}));
  auto echo = ask(mb::WriteSingleCoilRequest{1, true});
  ASSERT_TRUE(std::holds_alternative<mb::Response>(echo));
  EXPECT_EQ(testing::bits_of(ask(read)), (std::vector<bool>{false, true}));
  auto snap = slave_.snapshot();
  EXPECT_TRUE(snap->state.dio[3]) << "coil point 2 is DIO channel 4 (Appendix C)";
  EXPECT_FALSE(snap->state.dio[2]);
  ask(mb::WriteMultipleCoilsRequest{0, {true, false}});
  EXPECT_EQ(testing::bits_of(ask(read)), (std::vector<bool>{true, false}));
  snap = slave_.snapshot();
  EXPECT_TRUE(snap->state.dio[2]);
  EXPECT_FALSE(snap->state.dio[3]);
}

TEST_F(SlaveLogic, ExceptionsFollowTheManual) {
  using E = mb::ExceptionCode;
  const auto holding = mb::FunctionCode::read_holding_registers;
  EXPECT_EQ(slave_.serve(std::vector<std::uint8_t>{0x06, 0, 1, 0, 5}),
            (std::vector<std::uint8_t>{0x86, 0x01}))
      << "FC06 is not supported (L12804)";
  EXPECT_EQ(testing::exception_of(ask(mb::ReadRegistersRequest{holding, 1, 2})),
            E::illegal_data_address)
      << "starts on a low word (L12814)";
  EXPECT_EQ(testing::exception_of(ask(mb::ReadRegistersRequest{holding, 0, 3})),
            E::illegal_data_value)
      << "splits a pair (L12828)";
  EXPECT_EQ(testing::exception_of(ask(mb::ReadRegistersRequest{holding, 6, 4})),
            E::illegal_data_address)
      << "runs past the 4 counters";
  EXPECT_EQ(testing::exception_of(
                ask(mb::ReadRegistersRequest{mb::FunctionCode::read_input_registers, 17, 2})),
            E::illegal_data_address);
  EXPECT_EQ(testing::exception_of(ask(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 2, 1})),
            E::illegal_data_address);
  EXPECT_EQ(
      testing::exception_of(ask(mb::ReadBitsRequest{mb::FunctionCode::read_discrete_inputs, 0, 6})),
      E::illegal_data_address);
  EXPECT_EQ(testing::exception_of(ask(mb::WriteSingleCoilRequest{5, true})),
            E::illegal_data_address);
  EXPECT_EQ(testing::exception_of(ask(mb::WriteMultipleRegistersRequest{1, {0, 0}})),
            E::illegal_data_address);
  EXPECT_EQ(testing::exception_of(
                ask(mb::WriteMultipleRegistersRequest{0, std::vector<std::uint16_t>(121, 0)})),
            E::illegal_data_value)
      << "more than 120 registers (L12877)";
  const auto snap = slave_.snapshot();
  EXPECT_EQ(snap->state.counters.exceptions, 10u);
  EXPECT_EQ(snap->state.counters.exceptions_by_code.at(2), 7u);
  EXPECT_EQ(snap->state.counters.exceptions_by_code.at(3), 2u);
  EXPECT_EQ(snap->state.counters.requests, 10u);
}

TEST(SlaveWrites, DisabledWritesAnswerIllegalFunction) {
  auto spec = parse_fleet(
      "start_time: \"2026-03-02T10:00:00Z\"\nmeters:\n  count: 1\n  modbus: {}\n", "w.yaml");
  Fleet fleet(spec, utc_now(), RealClock::now());
  ModbusSlave slave(*fleet.meters()[0], spec.meters[0].modbus);
  const auto ask = [&](const mb::Request& r) {
    return mb::decode_response(r, slave.serve(mb::encode_request(r)));
  };
  EXPECT_EQ(testing::exception_of(ask(mb::WriteMultipleRegistersRequest{0, {0, 7}})),
            mb::ExceptionCode::illegal_function);
  EXPECT_EQ(testing::exception_of(ask(mb::WriteSingleCoilRequest{0, true})),
            mb::ExceptionCode::illegal_function);
  EXPECT_EQ(testing::exception_of(ask(mb::WriteMultipleCoilsRequest{0, {true}})),
            mb::ExceptionCode::illegal_function);
  EXPECT_TRUE(slave.snapshot()->state.presets.empty());
  EXPECT_FALSE(slave.snapshot()->state.dio[2]);
}

TEST(SlaveWrites, MidMeterRefusesPresetsEvenWhenTheMapAllowsThem) {
  auto spec = parse_fleet(
      "start_time: \"2026-03-02T10:00:00Z\"\nmeters:\n  count: 1\n  mid: true\n"
      "  modbus: { allow_register_presets: true, allow_output_control: true }\n",
      "mid.yaml");
  Fleet fleet(spec, utc_now(), RealClock::now());
  ModbusSlave slave(*fleet.meters()[0], spec.meters[0].modbus);
  const auto ask = [&](const mb::Request& r) {
    return mb::decode_response(r, slave.serve(mb::encode_request(r)));
  };
  EXPECT_EQ(testing::exception_of(ask(mb::WriteMultipleRegistersRequest{0, {0, 7}})),
            mb::ExceptionCode::illegal_function);
  // Outputs are not locked by MID.
  EXPECT_TRUE(std::holds_alternative<mb::Response>(ask(mb::WriteSingleCoilRequest{0, true})));
  const auto snap = slave.snapshot();
  EXPECT_TRUE(snap->state.presets.empty());
  EXPECT_EQ(snap->state.counters.presets_refused_mid, 1u);
}

TEST_F(SlaveLogic, PresetSetsTheRegisterWhichKeepsAccumulating) {
  const mb::ReadRegistersRequest read{mb::FunctionCode::read_holding_registers, 0, 2};
  const auto words = mb::split_words(5000);
  ASSERT_TRUE(std::holds_alternative<mb::Response>(
      ask(mb::WriteMultipleRegistersRequest{0, {words[0], words[1]}})));
  auto regs = testing::registers_of(ask(read));
  EXPECT_EQ(mb::combine_words(regs[0], regs[1]), 5000u) << "reads back what was written";

  const double wh_at_preset = truth().energy.phase[kPoly].wh_delivered;
  const UtcTime preset_time = truth().simulated;
  now_ += std::chrono::milliseconds(500);  // 13.9 h more
  const double wh_later = truth().energy.phase[kPoly].wh_delivered;
  regs = testing::registers_of(ask(read));
  EXPECT_EQ(
      mb::combine_words(regs[0], regs[1]),
      static_cast<std::uint32_t>(std::llround((5000 / 0.001 + wh_later - wh_at_preset) * 0.001)));
  EXPECT_GT(mb::combine_words(regs[0], regs[1]), 5000u);

  // Before the preset the register still reads the model.
  auto before = slave_.snapshot(preset_time - std::chrono::seconds(60));
  ASSERT_TRUE(before);
  EXPECT_LT(before->image.counters[0].raw, 1000u);
  auto now_snap = slave_.snapshot();
  ASSERT_EQ(now_snap->state.presets.size(), 1u);
  EXPECT_EQ(now_snap->state.presets.begin()->second.front().written, 5000 / 0.001);
}

TEST(FaultInjection, EachModeChangesTheAnswerAsDocumented) {
  const std::vector<std::uint8_t> frame{0x01, 0x03, 0x02, 0x00, 0x07, 0xF9, 0x86};
  ASSERT_TRUE(mb::crc_matches(frame, mb::CrcOrder::low_byte_first));
  auto out = apply_fault({FaultMode::none, 0}, SlaveLink::rtu, frame, 1);
  EXPECT_EQ(out.bytes, frame);
  EXPECT_FALSE(out.applied);
  EXPECT_TRUE(fault_swallows_request({FaultMode::no_answer, 0}, SlaveLink::rtu));
  EXPECT_TRUE(fault_swallows_request({FaultMode::drop_connection, 0}, SlaveLink::tcp));
  EXPECT_FALSE(fault_swallows_request({FaultMode::drop_connection, 0}, SlaveLink::rtu));
  out = apply_fault({FaultMode::slow, 1500}, SlaveLink::rtu, frame, 1);
  EXPECT_EQ(out.delay, std::chrono::milliseconds(1500));
  EXPECT_EQ(out.bytes, frame);
  out = apply_fault({FaultMode::garbage, 0}, SlaveLink::rtu, frame, 1);
  EXPECT_EQ(out.bytes.size(), frame.size());
  EXPECT_NE(out.bytes, frame);
  out = apply_fault({FaultMode::bad_crc, 0}, SlaveLink::rtu, frame, 1);
  EXPECT_FALSE(mb::crc_matches(out.bytes, mb::CrcOrder::low_byte_first));
  EXPECT_FALSE(mb::crc_matches(out.bytes, mb::CrcOrder::high_byte_first));
  out = apply_fault({FaultMode::wrong_crc_order, 0}, SlaveLink::rtu, frame, 1);
  EXPECT_TRUE(mb::crc_matches(out.bytes, mb::CrcOrder::high_byte_first));
  out = apply_fault({FaultMode::drop_connection, 0}, SlaveLink::rtu, frame, 1);
  EXPECT_EQ(out.bytes.size(), 3u) << "the answer breaks off half way";
  out = apply_fault({FaultMode::drop_connection, 0}, SlaveLink::tcp, frame, 1);
  EXPECT_TRUE(out.close_connection);
  EXPECT_FALSE(out.send);
  out = apply_fault({FaultMode::bad_crc, 0}, SlaveLink::tcp, frame, 1);
  EXPECT_EQ(out.bytes, frame) << "MBAP has no CRC";
}

}  // namespace
}  // namespace jemhead::sim
