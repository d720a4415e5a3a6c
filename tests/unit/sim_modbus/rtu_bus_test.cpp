// RTU on a pseudo-terminal: several simulated meters on one bus, the codec as master.
#include <gtest/gtest.h>

#include "drivers/protocol/modbus/words.hpp"
#include "live_fleet.hpp"
#include "test_clients.hpp"

namespace jemhead::sim {
namespace {

namespace mb = modbus;
using testing::Ms;
using testing::PtyTestClient;

constexpr const char* kFleet = R"(
seed: 9
start_time: "2026-05-04T06:00:00Z"
time_factor: 1000000
rtu_buses: [{name: bus1, baud: 38400}]
meters:
  count: 3
  integration_step: 60
  modbus: { rtu: { bus: bus1 }, frame_timeout_ms: 200, turnaround_ms: 2 }
  list:
    - serial: "HB"
      modbus: { rtu: { bus: bus1, address: 40 }, crc_order: high_byte_first }
)";

class RtuBusTest : public ::testing::Test {
 protected:
  testing::LiveFleet live_{kFleet};
  PtyTestClient bus_{live_.device("50000001")};
  const mb::ReadRegistersRequest read_counters_{mb::FunctionCode::read_holding_registers, 0, 8};
  const mb::ReadRegistersRequest read_analogs_{mb::FunctionCode::read_input_registers, 0, 18};
  ModbusSlave::Snapshot truth(const std::string& serial) { return *live_.slave(serial).snapshot(); }
};

TEST_F(RtuBusTest, TheBusIsAPseudoTerminalSharedByItsMeters) {
  EXPECT_EQ(live_.device("50000001").rfind("/dev/pts/", 0), 0u);
  EXPECT_EQ(live_.device("50000003"), live_.device("50000001"));
  const auto buses = live_.service().buses();
  ASSERT_EQ(buses.size(), 1u);
  EXPECT_EQ(buses[0].meters.size(), 4u);
}

TEST_F(RtuBusTest, EachMeterAnswersOnlyItsAddressWithItsOwnValues) {
  for (std::uint8_t address = 1; address <= 3; ++address) {
    const std::string serial = "5000000" + std::to_string(address);
    auto counters = bus_.transact(address, read_counters_);
    ASSERT_TRUE(counters) << "meter at address " << int(address);
    const auto regs = testing::registers_of(*counters);
    auto t = truth(serial);
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_EQ(mb::combine_words(regs[2 * i], regs[2 * i + 1]), t.image.counters[i].raw);
    auto analogs = bus_.transact(address, read_analogs_);
    ASSERT_TRUE(analogs);
    const auto values = testing::registers_of(*analogs);
    for (std::size_t i = 0; i < 18; ++i)
      EXPECT_EQ(static_cast<std::int16_t>(values[i]), t.image.analogs[i].raw);
    EXPECT_EQ(truth(serial).state.counters.requests, 2u);
    EXPECT_EQ(truth(serial).state.counters.frame_timeouts, 0u)
        << "no false sync left this meter deaf";
  }
  EXPECT_NE(truth("50000001").image.analogs[0].raw, truth("50000002").image.analogs[0].raw)
      << "different seeds, different loads";
  EXPECT_FALSE(bus_.transact(9, read_counters_, Ms(300))) << "nobody at address 9";
  EXPECT_EQ(truth("50000001").state.counters.requests, 2u);
}

TEST_F(RtuBusTest, EveryFunctionCodeAndExceptionOverRtu) {
  auto coils = bus_.transact(2, mb::ReadBitsRequest{mb::FunctionCode::read_coils, 0, 2});
  ASSERT_TRUE(coils);
  EXPECT_EQ(testing::bits_of(*coils), (std::vector<bool>{false, false}));
  auto inputs = bus_.transact(2, mb::ReadBitsRequest{mb::FunctionCode::read_discrete_inputs, 0, 5});
  ASSERT_TRUE(inputs);
  EXPECT_EQ(testing::bits_of(*inputs).size(), 5u);
  for (const mb::Request& write : {mb::Request{mb::WriteSingleCoilRequest{0, true}},
                                   mb::Request{mb::WriteMultipleCoilsRequest{0, {true, true}}},
                                   mb::Request{mb::WriteMultipleRegistersRequest{0, {0, 1}}}}) {
    auto out = bus_.transact(2, write);
    ASSERT_TRUE(out);
    EXPECT_EQ(testing::exception_of(*out), mb::ExceptionCode::illegal_function)
        << "writes are off in the factory map";
  }
  auto split =
      bus_.transact(2, mb::ReadRegistersRequest{mb::FunctionCode::read_holding_registers, 2, 3});
  ASSERT_TRUE(split);
  EXPECT_EQ(testing::exception_of(*split), mb::ExceptionCode::illegal_data_value);
  // FC06 is not supported (L12804): exception 01, frame delimited by its layout.
  bus_.send_raw(mb::encode_rtu(2, std::vector<std::uint8_t>{0x06, 0x00, 0x16, 0x00, 0x01},
                               mb::CrcOrder::low_byte_first));
  EXPECT_EQ(bus_.receive_raw(Ms(1000), 5),
            mb::encode_rtu(2, std::vector<std::uint8_t>{0x86, 0x01}, mb::CrcOrder::low_byte_first));
}

TEST_F(RtuBusTest, ABadCrcIsDroppedSilentlyAndTheNextFrameAnswered) {
  auto frame = mb::encode_rtu(1, mb::encode_request(read_counters_), mb::CrcOrder::low_byte_first);
  frame.back() ^= 0x01;
  bus_.send_raw(frame);
  EXPECT_TRUE(bus_.receive_raw(Ms(300)).empty());
  EXPECT_GE(truth("50000001").state.counters.crc_errors, 1u);
  EXPECT_EQ(truth("50000001").state.counters.requests, 0u);
  EXPECT_TRUE(bus_.transact(1, read_counters_));
}

TEST_F(RtuBusTest, APartialFrameIsDiscardedAfterTheFrameTimeout) {
  const auto frame =
      mb::encode_rtu(3, mb::encode_request(read_counters_), mb::CrcOrder::low_byte_first);
  const std::vector<std::uint8_t> head(frame.begin(), frame.begin() + 4);
  const std::vector<std::uint8_t> tail(frame.begin() + 4, frame.end());
  bus_.send_raw(head);
  std::this_thread::sleep_for(Ms(400));  // the meter's timeout is 200 ms
  bus_.send_raw(tail);
  EXPECT_TRUE(bus_.receive_raw(Ms(300)).empty()) << "the head was discarded";
  EXPECT_EQ(truth("50000003").state.counters.frame_timeouts, 1u);

  bus_.send_raw(head);
  std::this_thread::sleep_for(Ms(50));  // within the timeout: one frame
  bus_.send_raw(tail);
  EXPECT_EQ(bus_.receive_raw(Ms(1000), 21).size(), 21u);
}

TEST_F(RtuBusTest, AMeterWithTheManualsCrcOrderAnswersOnlyThatOrder) {
  EXPECT_FALSE(bus_.transact(40, read_counters_, Ms(300)));
  auto out = bus_.transact(40, read_counters_, Ms(2000), mb::CrcOrder::high_byte_first);
  ASSERT_TRUE(out);
  EXPECT_EQ(testing::registers_of(*out).size(), 8u);
}

TEST_F(RtuBusTest, FaultModes) {
  ModbusSlave& slave = live_.slave("50000002");
  const auto request =
      mb::encode_rtu(2, mb::encode_request(read_counters_), mb::CrcOrder::low_byte_first);
  const std::size_t answer_size = 3 + 16 + 2;

  slave.set_faults({FaultMode::no_answer, 0});
  EXPECT_FALSE(bus_.transact(2, read_counters_, Ms(300)));
  EXPECT_TRUE(bus_.transact(1, read_counters_)) << "a dead meter does not block the bus";

  slave.set_faults({FaultMode::bad_crc, 0});
  bus_.send_raw(request);
  auto bytes = bus_.receive_raw(Ms(1000), answer_size);
  ASSERT_EQ(bytes.size(), answer_size);
  EXPECT_FALSE(mb::crc_matches(bytes, mb::CrcOrder::low_byte_first));

  slave.set_faults({FaultMode::wrong_crc_order, 0});
  bus_.send_raw(request);
  bytes = bus_.receive_raw(Ms(1000), answer_size);
  ASSERT_EQ(bytes.size(), answer_size);
  EXPECT_TRUE(mb::crc_matches(bytes, mb::CrcOrder::high_byte_first));

  slave.set_faults({FaultMode::garbage, 0});
  bus_.send_raw(request);
  bytes = bus_.receive_raw(Ms(1000), answer_size);
  ASSERT_EQ(bytes.size(), answer_size);
  EXPECT_FALSE(mb::crc_matches(bytes, mb::CrcOrder::low_byte_first) && bytes[0] == 2);

  slave.set_faults({FaultMode::drop_connection, 0});
  bus_.send_raw(request);
  bytes = bus_.receive_raw(Ms(500));
  EXPECT_EQ(bytes.size(), answer_size / 2) << "the answer breaks off";

  slave.set_faults({FaultMode::slow, 500});
  const auto start = std::chrono::steady_clock::now();
  auto out = bus_.transact(2, read_counters_, Ms(2000));
  EXPECT_TRUE(out);
  EXPECT_GE(std::chrono::steady_clock::now() - start, Ms(500));

  slave.set_faults({FaultMode::none, 0});
  EXPECT_TRUE(bus_.transact(2, read_counters_));
  EXPECT_EQ(truth("50000002").state.counters.faults_applied, 6u);
}

}  // namespace
}  // namespace jemhead::sim
