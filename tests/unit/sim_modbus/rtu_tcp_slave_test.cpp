// RTU over TCP (the meter behind a terminal server): the simulator's `rtu_tcp` listener
// with raw RTU frames from a loopback socket. It must behave as the meter on its serial
// port: hunt for its Device Address, ignore other addresses, drop bad CRCs silently,
// abandon a partial frame after the frame timeout, and apply the RTU faults.
#include <gtest/gtest.h>

#include "drivers/protocol/modbus/words.hpp"
#include "live_fleet.hpp"
#include "sim/fleet_file.hpp"
#include "test_clients.hpp"

namespace jemhead::sim {
namespace {

namespace mb = modbus;
using testing::Ms;
using testing::TcpTestClient;

constexpr const char* kFleet = R"(
seed: 9
start_time: "2026-05-04T06:00:00Z"
time_factor: 1000000
meters:
  count: 1
  integration_step: 60
  modbus: { rtu_tcp: { listen: "127.0.0.1:0" }, unit_id: 12, frame_timeout_ms: 200 }
)";

const mb::ReadRegistersRequest kReadCounters{mb::FunctionCode::read_holding_registers, 0, 8};

class RtuOverTcpSlave : public ::testing::Test {
 protected:
  testing::LiveFleet live_{kFleet};
  const std::string serial_ = "50000001";
  std::uint16_t port_ = port_of(live_.service().endpoints(serial_));
  ModbusSlave::Snapshot truth() { return *live_.slave(serial_).snapshot(); }

  static std::uint16_t port_of(const ModbusEndpointInfo& e) {
    const auto listen = e.rtu_tcp.value_or(":0");
    return static_cast<std::uint16_t>(std::stoi(listen.substr(listen.rfind(':') + 1)));
  }
  static std::vector<std::uint8_t> frame(std::uint8_t address,
                                         mb::CrcOrder order = mb::CrcOrder::low_byte_first) {
    return mb::encode_rtu(address, mb::encode_request(kReadCounters), order);
  }
  // The counter words of an RTU answer (FC03, 16 data bytes), checked against the truth.
  void expect_counters_answer(const std::vector<std::uint8_t>& bytes) {
    mb::RtuDecoderOptions options;
    options.address = 12;
    mb::RtuDecoder decoder(options);
    decoder.feed(bytes);
    auto answer = decoder.next();
    ASSERT_TRUE(answer) << bytes.size() << " bytes, no valid frame";
    ASSERT_EQ(answer->pdu.size(), 18u);
    const auto image = truth().image;
    for (std::size_t i = 0; i < 4; ++i) {
      const auto high =
          static_cast<std::uint16_t>(answer->pdu[2 + 4 * i] << 8 | answer->pdu[3 + 4 * i]);
      const auto low =
          static_cast<std::uint16_t>(answer->pdu[4 + 4 * i] << 8 | answer->pdu[5 + 4 * i]);
      EXPECT_EQ(mb::combine_words(high, low), image.counters[i].raw) << i;
    }
    EXPECT_GT(image.counters[0].raw, 0u);
  }
};

TEST_F(RtuOverTcpSlave, EndpointsReportTheListenerAndItsDeviceAddress) {
  const auto e = live_.service().endpoints(serial_);
  ASSERT_TRUE(e.rtu_tcp);
  EXPECT_EQ(e.rtu_tcp->rfind("127.0.0.1:", 0), 0u);
  EXPECT_NE(port_, 0);
  EXPECT_EQ(e.rtu_tcp_address, 12);
  EXPECT_FALSE(e.tcp);
}

TEST_F(RtuOverTcpSlave, HuntsForItsAddressAcrossNoiseAndSplitWrites) {
  TcpTestClient c(port_);
  const auto bytes = frame(12);
  // Noise (none of it is address 12), then the frame in two writes.
  std::vector<std::uint8_t> first{0x00, 0x07, 0xFF};
  std::vector<std::uint8_t> second;
  for (std::size_t i = 0; i < bytes.size(); ++i) (i < 3 ? first : second).push_back(bytes[i]);
  c.send_raw(first);
  c.send_raw(second);
  expect_counters_answer(c.receive_raw(Ms(2000), 21));
}

TEST_F(RtuOverTcpSlave, OtherAddressesAndBadCrcsAreNotAnswered) {
  TcpTestClient c(port_);
  c.send_raw(frame(1));
  EXPECT_TRUE(c.receive_raw(Ms(300)).empty());
  auto corrupt = frame(12);
  corrupt.back() ^= 0x5A;
  c.send_raw(corrupt);
  EXPECT_TRUE(c.receive_raw(Ms(300)).empty());
  EXPECT_GE(truth().state.counters.crc_errors, 1u);
  c.send_raw(frame(12));  // the stream is still usable
  expect_counters_answer(c.receive_raw(Ms(2000), 21));
}

TEST_F(RtuOverTcpSlave, APartialFrameIsAbandonedAfterTheFrameTimeout) {
  TcpTestClient c(port_);
  const auto bytes = frame(12);
  c.send_raw(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 4));
  EXPECT_TRUE(c.receive_raw(Ms(400)).empty());  // > frame_timeout_ms 200
  EXPECT_EQ(truth().state.counters.frame_timeouts, 1u);
  c.send_raw(bytes);
  expect_counters_answer(c.receive_raw(Ms(2000), 21));
}

TEST_F(RtuOverTcpSlave, RtuFaultsApply) {
  ModbusSlave& slave = live_.slave(serial_);
  TcpTestClient c(port_);
  slave.set_faults({FaultMode::bad_crc, 0});
  c.send_raw(frame(12));
  const auto bad = c.receive_raw(Ms(1000), 21);
  EXPECT_EQ(bad.size(), 21u) << "an answer arrives";
  mb::RtuDecoderOptions options;
  options.address = 12;
  mb::RtuDecoder decoder(options);
  decoder.feed(bad);
  EXPECT_FALSE(decoder.next()) << "but its CRC is wrong";

  slave.set_faults({FaultMode::no_answer, 0});
  c.send_raw(frame(12));
  EXPECT_TRUE(c.receive_raw(Ms(300)).empty());

  slave.set_faults({FaultMode::drop_connection, 0});
  c.send_raw(frame(12));
  const auto half = c.receive_raw(Ms(500));
  EXPECT_GT(half.size(), 0u);
  EXPECT_LT(half.size(), 21u) << "the answer breaks off half way";
  EXPECT_FALSE(c.closed_within(Ms(100))) << "the terminal server keeps the connection";

  slave.set_faults({FaultMode::none, 0});
  c.send_raw(frame(12));
  expect_counters_answer(c.receive_raw(Ms(2000), 21));
}

TEST(RtuOverTcpFleetKeys, OnlyLoopbackAndKnownKeys) {
  auto spec = parse_fleet("meters: {count: 1, modbus: {rtu_tcp: {listen: \"127.0.0.1:1502\"}}}\n",
                          "fleet.yaml");
  ASSERT_TRUE(spec.meters[0].modbus);
  EXPECT_TRUE(spec.meters[0].modbus->rtu_tcp);
  EXPECT_EQ(spec.meters[0].modbus->rtu_tcp_port, 1502);
  EXPECT_FALSE(spec.meters[0].modbus->tcp);
  for (const char* bad : {"meters: {count: 1, modbus: {rtu_tcp: {listen: \"10.0.0.1:502\"}}}\n",
                          "meters: {count: 1, modbus: {rtu_tcp: {port: 502}}}\n"}) {
    EXPECT_THROW(parse_fleet(bad, "fleet.yaml"), FleetError) << bad;
  }
}

}  // namespace
}  // namespace jemhead::sim
