// The Modbus master session against an in-process slave over real loopback TCP: Modbus
// TCP and RTU over TCP, planning limits, distinct errors for exceptions and timeouts,
// retries, and the mapping of points into the head-end's records.
#include <gtest/gtest.h>

#include <boost/asio/use_awaitable.hpp>
#include <cmath>

#include "drivers/driver.hpp"
#include "drivers/protocol/modbus/driver_session.hpp"
#include "drivers/protocol/modbus/mbap_channel.hpp"
#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"
#include "drivers/protocol/modbus/rtu_channel.hpp"
#include "drivers/transport/tcp_link.hpp"
#include "fake_slave.hpp"
#include "io_thread.hpp"

namespace jemhead::modbus {
namespace {

using testing::FakeSlave;
using testing::FakeSlaveConfig;
using testing::IoThread;
using namespace std::chrono_literals;

// Three counters (one signed), two analogs, two discrete inputs, one coil.
constexpr const char* kMapJson = R"({
  "format": "jemhead.modbus.point_map/1", "name": "test",
  "pt_ratio": 1, "ct_ratio": 1,
  "allow_register_presets": true, "allow_output_control": true,
  "counters": {"start_address": 40001, "points": [
    {"point": 1, "name": "Wh del", "unit": "Wh", "scale_factor": 0.001},
    {"point": 2, "name": "varh net", "unit": "varh", "scale_factor": 1, "signed": true},
    {"point": 3, "name": "Wh rec", "unit": "Wh", "scale_factor": 10}]},
  "analogs": {"start_address": 30001, "points": [
    {"point": 1, "quantity": "volts", "phase": "a", "scale_factor": 1},
    {"point": 2, "quantity": "watts", "phase": "polyphase", "direction": "received",
     "scale_factor": 10}]},
  "coils": {"start_address": 1, "points": [{"point": 1, "name": "relay", "channel": 3}]},
  "discrete_inputs": {"start_address": 10001, "points": [
    {"point": 1, "source": "meter_status", "status": "battery", "polarity": "active_low"},
    {"point": 2, "name": "door", "source": "digital_input", "channel": 1}]}
})";

PointMap test_map() {
  auto load = parse_point_map(kMapJson);
  EXPECT_TRUE(load.ok()) << load.problems.summary();
  return load.map;
}

void put_counter(FakeSlave& slave, const PointMap& map, std::size_t index, double value) {
  const auto& point = map.counters.points[index];
  const auto words = encode_counter(point, value);
  const auto address = address_of(map, point);
  slave.holding[address] = words[0];
  slave.holding[static_cast<std::uint16_t>(address + 1)] = words[1];
}

struct ModbusSessionTest : ::testing::Test {
  IoThread io;
  PointMap map = test_map();

  std::unique_ptr<transport::Link> link_to(const FakeSlave& slave) {
    transport::TcpLinkOptions o;
    o.host = "127.0.0.1";
    o.port = slave.port();
    o.connect_timeout = 2000ms;
    return std::make_unique<transport::TcpLink>(io.io().get_executor(), o);
  }

  std::unique_ptr<ModbusMaster> master_for(const FakeSlave& slave, MasterOptions options,
                                           bool rtu = false,
                                           CrcOrder crc = CrcOrder::low_byte_first) {
    std::unique_ptr<PduChannel> channel;
    if (rtu)
      channel = std::make_unique<RtuChannel>(link_to(slave), 1, crc);
    else
      channel = std::make_unique<MbapChannel>(link_to(slave), 1);
    return std::make_unique<ModbusMaster>(io.io().get_executor(), std::move(channel), options);
  }

  static MasterOptions quick(std::uint32_t retries = 0) {
    MasterOptions o;
    o.timeout = 300ms;
    o.retries = retries;
    o.retry_delay = 0ms;
    return o;
  }

  void fill(FakeSlave& slave) {
    put_counter(slave, map, 0, 123456000);  // Wh, sent as kWh (0.001)
    put_counter(slave, map, 1, -4200);
    put_counter(slave, map, 2, 98760);
    slave.input[0] = encode_analog(map.analogs.points[0], 120.0);
    slave.input[1] = encode_analog(map.analogs.points[1], -1500.0);
    slave.discrete[0] = false;  // battery, active low: in alarm
    slave.discrete[1] = true;   // door open
    slave.coils[0] = false;
  }
};

TEST_F(ModbusSessionTest, MbapReadsCountersIntoRegisterReadings) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  ModbusSession session(7, map, {}, master_for(slave, quick()));
  auto readings = io.run(session.read_registers());
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_EQ(readings[0].register_id, "counter.1");
  EXPECT_EQ(readings[0].description, "Wh del");
  EXPECT_DOUBLE_EQ(readings[0].value, 123456000);
  EXPECT_EQ(readings[0].unit, "Wh");
  EXPECT_EQ(readings[0].meter_id, 7);
  EXPECT_EQ(readings[0].source, "modbus");
  EXPECT_DOUBLE_EQ(readings[1].value, -4200);
  EXPECT_DOUBLE_EQ(readings[2].value, 98760);
  // Three contiguous pairs: one FC03 request of 6 registers.
  ASSERT_EQ(slave.requests.size(), 1u);
  EXPECT_EQ(std::get<ReadRegistersRequest>(slave.requests[0]),
            (ReadRegistersRequest{FunctionCode::read_holding_registers, 0, 6}));
}

TEST_F(ModbusSessionTest, PlanningNeverSplitsPairsUnderASmallLimit) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  RequestLimits limits;
  limits.max_read_registers = 5;  // a pair would straddle 5: each request takes 4
  ModbusSession session(1, map, limits, master_for(slave, quick()));
  auto readings = io.run(session.read_registers());
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_DOUBLE_EQ(readings[2].value, 98760);
  ASSERT_EQ(slave.requests.size(), 2u);
  for (const auto& r : slave.requests) {
    const auto& read = std::get<ReadRegistersRequest>(r);
    EXPECT_EQ(read.address % 2, 0);
    EXPECT_EQ(read.quantity % 2, 0);
    EXPECT_LE(read.quantity, 5);
  }
}

TEST_F(ModbusSessionTest, RtuOverTcpWithTheManualsCrcOrder) {
  FakeSlave slave(io.io(), {true, 1, CrcOrder::high_byte_first});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick(), true, CrcOrder::high_byte_first));
  auto readings = io.run(session.read_registers());
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_DOUBLE_EQ(readings[0].value, 123456000);
  EXPECT_DOUBLE_EQ(readings[1].value, -4200);
}

TEST_F(ModbusSessionTest, RtuCrcOrderMismatchIsATimeoutNotAWrongValue) {
  FakeSlave slave(io.io(), {true, 1, CrcOrder::high_byte_first});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick(), true, CrcOrder::low_byte_first));
  // The slave drops frames with a bad CRC silently, as the meter does.
  EXPECT_THROW(io.run(session.read_registers()), drivers::Timeout);
  EXPECT_TRUE(slave.requests.empty());
}

TEST_F(ModbusSessionTest, InstantaneousValuesAreScaledAndNamed) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  auto values = io.run(session.read_instantaneous());
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].quantity, "volts");
  EXPECT_EQ(values[0].phase, "A");
  EXPECT_EQ(values[0].unit, "V");
  // 120 V on the manual's 530 V full scale: raw = round(120/530*32767) = 7419, and the
  // master reads back 7419*530/32767.
  EXPECT_EQ(slave.input[0], 7419);
  EXPECT_NEAR(values[0].value, 7419.0 * 530 / 32767, 1e-9);
  EXPECT_EQ(values[1].quantity, "watts.received");
  EXPECT_EQ(values[1].phase, "total");
  EXPECT_NEAR(values[1].value, -1500.0, 31800.0 / 32767 / 10);
}

TEST_F(ModbusSessionTest, StatusAppliesPolarityAndNamesPoints) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  auto snapshot = io.run(session.read_status());
  ASSERT_EQ(snapshot.points.size(), 2u);
  EXPECT_EQ(snapshot.points[0], (StatusPoint{"status.battery", true}));
  EXPECT_EQ(snapshot.points[1], (StatusPoint{"door", true}));
  slave.discrete[0] = true;
  slave.discrete[1] = false;
  snapshot = io.run(session.read_status());
  EXPECT_EQ(snapshot.points[0], (StatusPoint{"status.battery", false}));
  EXPECT_EQ(snapshot.points[1], (StatusPoint{"door", false}));
}

TEST_F(ModbusSessionTest, ExceptionsAreDistinctAndNotRetried) {
  for (auto code : {ExceptionCode::illegal_function, ExceptionCode::illegal_data_address,
                    ExceptionCode::illegal_data_value}) {
    FakeSlave slave(io.io(), {});
    fill(slave);
    slave.exception_for_function[0x03] = code;
    ModbusSession session(1, map, {}, master_for(slave, quick(3)));
    try {
      io.run(session.read_registers());
      FAIL() << "no exception";
    } catch (const drivers::ProtocolException& e) {
      EXPECT_EQ(e.code, static_cast<std::uint8_t>(code));
      EXPECT_EQ(e.function, 0x03);
      EXPECT_EQ(e.kind(), "protocol_exception");
      EXPECT_NE(std::string(e.what()).find(std::string(jemhead::to_text(code))), std::string::npos)
          << e.what();
    }
    EXPECT_EQ(slave.requests.size(), 1u) << "an exception must not be retried";
  }
}

TEST_F(ModbusSessionTest, UnmappedRegisterIsIllegalDataAddress) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  slave.holding.erase(5);  // the low word of counter 3
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  try {
    io.run(session.read_registers());
    FAIL() << "no exception";
  } catch (const drivers::ProtocolException& e) {
    EXPECT_EQ(e.code, 0x02);
  }
}

TEST_F(ModbusSessionTest, SilenceIsATimeoutAfterEveryRetry) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  slave.ignore_next = 100;
  auto master = master_for(slave, quick(2));
  auto* raw = master.get();
  ModbusSession session(1, map, {}, std::move(master));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(io.run(session.read_registers()), drivers::Timeout);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);  // 3 attempts of 300 ms
  EXPECT_EQ(raw->stats().attempts, 3u);
  EXPECT_EQ(raw->stats().retries, 2u);
  EXPECT_EQ(raw->stats().failures, 1u);
}

TEST_F(ModbusSessionTest, RetryRecoversAndLateAnswersAreSkippedByTransactionId) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  slave.delay = 450ms;  // the first answer arrives after its request timed out
  slave.delayed = 1;
  auto master = master_for(slave, quick(1));
  auto* raw = master.get();
  ModbusSession session(1, map, {}, std::move(master));
  auto readings = io.run(session.read_registers());
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_DOUBLE_EQ(readings[0].value, 123456000);
  EXPECT_EQ(raw->stats().retries, 1u);
  EXPECT_EQ(raw->channel_stats().stale_frames, 1u);
}

TEST_F(ModbusSessionTest, RtuRetryDiscardsTheLateAnswer) {
  FakeSlave slave(io.io(), {true, 1, CrcOrder::low_byte_first});
  fill(slave);
  slave.delay = 450ms;
  slave.delayed = 1;
  auto master = master_for(slave, quick(1), true);
  ModbusSession session(1, map, {}, std::move(master));
  auto readings = io.run(session.read_registers());
  ASSERT_EQ(readings.size(), 3u);
  EXPECT_DOUBLE_EQ(readings[1].value, -4200);
}

TEST_F(ModbusSessionTest, RefusedConnectionIsConnectionFailed) {
  std::uint16_t dead_port = 0;
  {
    FakeSlave slave(io.io(), {});
    dead_port = slave.port();
  }
  transport::TcpLinkOptions o;
  o.host = "127.0.0.1";
  o.port = dead_port;
  auto channel = std::make_unique<MbapChannel>(
      std::make_unique<transport::TcpLink>(io.io().get_executor(), o), 1);
  ModbusSession session(
      1, map, {},
      std::make_unique<ModbusMaster>(io.io().get_executor(), std::move(channel), quick(1)));
  EXPECT_THROW(io.run(session.read_registers()), drivers::ConnectionFailed);
}

TEST_F(ModbusSessionTest, PresetsAreWrittenAndReadBack) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  auto back = io.run(session.write_presets({{"3", 5000}, {"varh net", -7}}));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].register_id, "counter.2");
  EXPECT_DOUBLE_EQ(back[0].value, -7);
  EXPECT_EQ(back[1].register_id, "counter.3");
  EXPECT_DOUBLE_EQ(back[1].value, 5000);
  // Stored on the slave as the meter would: 5000 Wh x 10.
  EXPECT_EQ(slave.holding[5], 50000);
  // FC16 went out before the read-back.
  EXPECT_TRUE(std::holds_alternative<WriteMultipleRegistersRequest>(slave.requests[0]));
}

TEST_F(ModbusSessionTest, PresetsAreRefusedWhenTheMapDisablesThem) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  map.allow_register_presets = false;
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  EXPECT_THROW(io.run(session.write_presets({{"1", 1}})), drivers::Refused);
  EXPECT_TRUE(slave.requests.empty()) << "nothing may be sent";
  map.allow_register_presets = true;
  ModbusSession session2(1, map, {}, master_for(slave, quick()));
  EXPECT_THROW(io.run(session2.write_presets({{"99", 1}})), drivers::Refused);
}

TEST_F(ModbusSessionTest, OutputsAreSwitchedAndReadBack) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  auto states = io.run(session.control_outputs({{"relay", true}}));
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].output, "relay");
  EXPECT_EQ(states[0].channel, 3);
  EXPECT_TRUE(states[0].on);
  EXPECT_TRUE(slave.coils[0]);
  EXPECT_EQ(std::get<WriteSingleCoilRequest>(slave.requests[0]), (WriteSingleCoilRequest{0, true}));
}

TEST_F(ModbusSessionTest, DisabledOutputControlIsRefused) {
  FakeSlave slave(io.io(), {});
  fill(slave);
  map.allow_output_control = false;
  ModbusSession session(1, map, {}, master_for(slave, quick()));
  EXPECT_THROW(io.run(session.control_outputs({{"1", true}})), drivers::Refused);
  EXPECT_TRUE(slave.requests.empty());
}

}  // namespace
}  // namespace jemhead::modbus
