// Modbus TCP against the in-process service on loopback, with the codec as the master.
#include <gtest/gtest.h>

#include "drivers/protocol/modbus/words.hpp"
#include "live_fleet.hpp"
#include "test_clients.hpp"

namespace jemhead::sim {
namespace {

namespace mb = modbus;
using testing::Ms;
using testing::TcpTestClient;

constexpr const char* kFleet = R"(
seed: 5
start_time: "2026-05-04T06:00:00Z"
time_factor: 1000000
meters:
  count: 2
  integration_step: 60
  modbus: { tcp: { listen: "127.0.0.1:0" }, allow_register_presets: true,
            allow_output_control: true }
)";

class TcpSlave : public ::testing::Test {
 protected:
  testing::LiveFleet live_{kFleet};
  const std::string serial_ = "50000001";
  std::uint16_t port_ = live_.tcp_port(serial_);
  ModbusSlave::Snapshot truth() { return *live_.slave(serial_).snapshot(); }
};

TEST_F(TcpSlave, EveryFunctionCodeRoundTripsToTheTruth) {
  TcpTestClient c(port_);
  auto truth_now = truth();
  auto holding =
      c.transact(mb::ReadRegistersRequest{mb::FunctionCode::read_holding_registers, 0, 8});
  ASSERT_TRUE(holding);
  const auto regs = testing::registers_of(*holding);
  ASSERT_EQ(regs.size(), 8u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(mb::combine_words(regs[2 * i], regs[2 * i + 1]), truth_now.image.counters[i].raw);
  EXPECT_GT(truth_now.image.counters[0].raw, 0u);

  auto input = c.transact(mb::ReadRegistersRequest{mb::FunctionCode::read_input_registers, 0, 18});
  ASSERT_TRUE(input);
  const auto analogs = testing::registers_of(*input);
  ASSERT_EQ(analogs.size(), 18u);
  for (std::size_t i = 0; i < 18; ++i)
    EXPECT_EQ(static_cast<std::int16_t>(analogs[i]), truth_now.image.analogs[i].raw) << i;

  auto inputs = c.transact(mb::ReadBitsRequest{mb::FunctionCode::read_discrete_inputs, 0, 5});
  ASSERT_TRUE(inputs);
  const auto bits = testing::bits_of(*inputs);
  ASSERT_EQ(bits.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(bits[i], truth_now.image.discrete_inputs[i].raw);

  ASSERT_TRUE(c.transact(mb::WriteSingleCoilRequest{0, true}));
  ASSERT_TRUE(c.transact(mb::WriteMultipleCoilsRequest{1, {true}}));
  auto coils = c.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 2});
  ASSERT_TRUE(coils);
  EXPECT_EQ(testing::bits_of(*coils), (std::vector<bool>{true, true}));
  EXPECT_TRUE(truth().state.dio[2]);
  EXPECT_TRUE(truth().state.dio[3]);

  const auto words = mb::split_words(123456);
  auto preset = c.transact(mb::WriteMultipleRegistersRequest{4, {words[0], words[1]}});
  ASSERT_TRUE(preset);
  EXPECT_TRUE(std::holds_alternative<mb::Response>(*preset));
  EXPECT_EQ(truth().image.counters[2].raw, 123456u);
  const auto stats = truth().state.counters;
  EXPECT_EQ(stats.requests, 7u);
  EXPECT_EQ(stats.responses, 7u);
  EXPECT_EQ(stats.exceptions, 0u);
}

TEST_F(TcpSlave, ExceptionsTravelInMbap) {
  TcpTestClient c(port_);
  auto out = c.transact(mb::ReadRegistersRequest{mb::FunctionCode::read_holding_registers, 1, 2});
  ASSERT_TRUE(out);
  EXPECT_EQ(testing::exception_of(*out), mb::ExceptionCode::illegal_data_address);
  c.send_raw(mb::encode_mbap(77, 1, std::vector<std::uint8_t>{0x2B, 0x0E, 0x01, 0x00}));
  const auto raw = c.receive_raw(Ms(2000), 9);
  EXPECT_EQ(raw, (std::vector<std::uint8_t>{0, 77, 0, 0, 0, 3, 1, 0xAB, 0x01}))
      << "FC43 (device identification) -> exception 01";
}

TEST_F(TcpSlave, AThirdSessionIsClosedAtOnce) {
  TcpTestClient a(port_), b(port_);
  EXPECT_TRUE(a.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}));
  EXPECT_TRUE(b.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}));
  {
    TcpTestClient third(port_);
    EXPECT_TRUE(third.closed_within(Ms(2000)));
  }
  EXPECT_EQ(truth().state.counters.sessions_refused, 1u);
  EXPECT_EQ(truth().state.counters.sessions_active, 2u);
  EXPECT_TRUE(a.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}))
      << "the two sessions are unaffected";
}

TEST_F(TcpSlave, ASessionSlotFreesWhenAClientLeaves) {
  auto a = std::make_unique<TcpTestClient>(port_);
  TcpTestClient b(port_);
  ASSERT_TRUE(a->transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}));
  ASSERT_TRUE(b.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}));
  a.reset();
  for (int i = 0; i < 100 && truth().state.counters.sessions_active != 1; ++i)
    std::this_thread::sleep_for(Ms(10));
  TcpTestClient c(port_);
  EXPECT_TRUE(c.transact(mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 1}));
}

TEST_F(TcpSlave, OtherUnitIdsAreIgnoredAnd255IsAnswered) {
  TcpTestClient c(port_);
  const mb::ReadBitsRequest read{mb::FunctionCode::read_coils, 0, 2};
  EXPECT_FALSE(c.transact(read, 7, Ms(300)));
  EXPECT_TRUE(c.transact(read, 255));
  EXPECT_EQ(truth().state.counters.wrong_unit_id, 1u);
}

TEST_F(TcpSlave, FaultModes) {
  ModbusSlave& slave = live_.slave(serial_);
  const mb::ReadRegistersRequest read{mb::FunctionCode::read_input_registers, 0, 4};
  TcpTestClient c(port_);

  slave.set_faults({FaultMode::no_answer, 0});
  EXPECT_FALSE(c.transact(read, 1, Ms(300)));

  slave.set_faults({FaultMode::slow, 400});
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(c.transact(read, 1, Ms(200))) << "not yet";
  auto late = c.receive_raw(Ms(1000), 17);
  EXPECT_EQ(late.size(), 17u) << "the slow answer arrives";
  EXPECT_GE(std::chrono::steady_clock::now() - start, Ms(400));

  slave.set_faults({FaultMode::garbage, 0});
  c.send_raw(mb::encode_mbap(9, 1, mb::encode_request(read)));
  const auto garbage = c.receive_raw(Ms(1000), 17);
  EXPECT_EQ(garbage.size(), 17u);
  mb::MbapDecoder decoder;
  decoder.feed(garbage);
  const auto frame = decoder.next();
  EXPECT_FALSE(frame && frame->transaction_id == 9 && frame->pdu.size() == 9 &&
               frame->pdu[0] == 0x04)
      << "noise, not the answer";

  slave.set_faults({FaultMode::bad_crc, 0});
  TcpTestClient d(port_);
  EXPECT_TRUE(d.transact(read)) << "CRC faults do not apply to MBAP";

  slave.set_faults({FaultMode::drop_connection, 0});
  d.send_raw(mb::encode_mbap(1, 1, mb::encode_request(read)));
  EXPECT_TRUE(d.closed_within(Ms(1000)));
  EXPECT_GE(truth().state.counters.faults_applied, 4u);
}

}  // namespace
}  // namespace jemhead::sim
