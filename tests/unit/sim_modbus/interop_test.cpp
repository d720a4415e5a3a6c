// Off-the-shelf Modbus masters against jemsim's slave: mbpoll and pymodbus (Debian's
// python3-pymodbus) over Modbus TCP and over RTU on the bus pseudo-terminal. What they
// read must equal the slave's truth value by value. Skipped when the tool is missing
// (./x deps installs both).
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "drivers/protocol/modbus/words.hpp"
#include "live_fleet.hpp"

namespace jemhead::sim {
namespace {

namespace mb = modbus;

constexpr const char* kFleet = R"(
seed: 21
start_time: "2026-07-01T09:00:00Z"
time_factor: 1000000
rtu_buses: [{name: field, baud: 38400}]
meters:
  count: 2
  integration_step: 60
  modbus: { tcp: { listen: "127.0.0.1:0" }, rtu: { bus: field }, allow_register_presets: true,
            allow_output_control: true }
)";

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

bool have(const std::string& probe) {
  return std::system((probe + " >/dev/null 2>&1").c_str()) == 0;
}

// mbpoll prints "[ref]: <tab>value" per item.
std::vector<long> mbpoll_values(const std::string& output) {
  std::vector<long> values;
  static const std::regex line(R"(\[\d+\]:\s+(-?\d+))");
  for (auto it = std::sregex_iterator(output.begin(), output.end(), line);
       it != std::sregex_iterator(); ++it)
    values.push_back(std::stol((*it)[1]));
  return values;
}

constexpr const char* kPymodbusScript = R"PY(
import json, sys
from pymodbus.client import ModbusTcpClient, ModbusSerialClient
mode, target, unit = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "tcp":
    host, port = target.rsplit(":", 1)
    c = ModbusTcpClient(host, port=int(port), timeout=3)
else:
    c = ModbusSerialClient(port=target, baudrate=38400, timeout=3)
assert c.connect()
def ok(r):
    assert not r.isError(), str(r)
    return r
out = {}
out["holding"] = ok(c.read_holding_registers(0, 8, slave=unit)).registers
out["input"] = ok(c.read_input_registers(0, 18, slave=unit)).registers
out["discrete"] = ok(c.read_discrete_inputs(0, 5, slave=unit)).bits[:5]
ok(c.write_coil(1, True, slave=unit))
ok(c.write_registers(2, [0, 4242], slave=unit))
out["coils"] = ok(c.read_coils(0, 2, slave=unit)).bits[:2]
out["preset"] = ok(c.read_holding_registers(2, 2, slave=unit)).registers
r = c.read_holding_registers(1, 2, slave=unit)
out["exception"] = r.exception_code if r.isError() else None
c.close()
print(json.dumps(out))
)PY";

class Interop : public ::testing::Test {
 protected:
  testing::LiveFleet live_{kFleet};
  ModbusSlave::Snapshot truth(const std::string& serial) { return *live_.slave(serial).snapshot(); }

  void expect_mbpoll_matches(const std::string& connection, const std::string& serial, int unit) {
    const auto t = truth(serial);
    const std::string base = "mbpoll " + connection + " -a " + std::to_string(unit) + " -1 -r 1 ";
    auto holding = mbpoll_values(run(base + "-t 4 -c 8 " + target_));
    ASSERT_EQ(holding.size(), 8u) << run(base + "-t 4 -c 8 " + target_);
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_EQ(mb::combine_words(static_cast<std::uint16_t>(holding[2 * i]),
                                  static_cast<std::uint16_t>(holding[2 * i + 1])),
                t.image.counters[i].raw);
    auto input = mbpoll_values(run(base + "-t 3 -c 18 " + target_));
    ASSERT_EQ(input.size(), 18u);
    for (std::size_t i = 0; i < 18; ++i)
      EXPECT_EQ(static_cast<std::int16_t>(input[i]), t.image.analogs[i].raw) << i;
    auto discrete = mbpoll_values(run(base + "-t 1 -c 5 " + target_));
    ASSERT_EQ(discrete.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i)
      EXPECT_EQ(discrete[i] != 0, t.image.discrete_inputs[i].raw) << i;
    run(base + "-t 0 " + target_ + " 1");  // force coil 00001 on (FC05)
    EXPECT_TRUE(truth(serial).image.coils[0].active);
    auto coils = mbpoll_values(run(base + "-t 0 -c 2 " + target_));
    EXPECT_EQ(coils, (std::vector<long>{1, 0}));
  }

  void expect_pymodbus_matches(const std::string& mode, const std::string& target,
                               const std::string& serial, int unit) {
    const auto before = truth(serial);
    const auto script = std::filesystem::temp_directory_path() /
                        ("jemsim_pymodbus_" + std::to_string(::getpid()) + ".py");
    { std::ofstream(script) << kPymodbusScript; }
    const auto output = run("/usr/bin/python3 " + script.string() + " " + mode + " " + target +
                            " " + std::to_string(unit));
    std::filesystem::remove(script);
    boost::json::error_code ec;
    auto doc = boost::json::parse(output.substr(output.find('{')), ec);
    ASSERT_FALSE(ec) << output;
    const auto& o = doc.as_object();
    const auto& holding = o.at("holding").as_array();
    ASSERT_EQ(holding.size(), 8u);
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_EQ(mb::combine_words(static_cast<std::uint16_t>(holding[2 * i].as_int64()),
                                  static_cast<std::uint16_t>(holding[2 * i + 1].as_int64())),
                before.image.counters[i].raw);
    const auto& input = o.at("input").as_array();
    ASSERT_EQ(input.size(), 18u);
    for (std::size_t i = 0; i < 18; ++i)
      EXPECT_EQ(static_cast<std::int16_t>(input[i].as_int64()), before.image.analogs[i].raw);
    const auto& discrete = o.at("discrete").as_array();
    for (std::size_t i = 0; i < 5; ++i)
      EXPECT_EQ(discrete[i].as_bool(), before.image.discrete_inputs[i].raw);
    EXPECT_EQ(o.at("coils").as_array(), (boost::json::array{false, true}));
    EXPECT_EQ(o.at("preset").as_array(), (boost::json::array{0, 4242}));
    EXPECT_EQ(o.at("exception"), boost::json::value(2)) << "a read starting on a low word";
    const auto after = truth(serial);
    EXPECT_EQ(after.image.counters[1].raw, 4242u);
    EXPECT_TRUE(after.state.dio[3]);
  }

  std::string target_;
};

TEST_F(Interop, MbpollOverModbusTcpReadsTheTruth) {
  if (!have("command -v mbpoll")) GTEST_SKIP() << "mbpoll not installed";
  target_ = "127.0.0.1";
  expect_mbpoll_matches("-m tcp -p " + std::to_string(live_.tcp_port("50000001")), "50000001", 1);
}

TEST_F(Interop, MbpollOverRtuOnThePtyReadsTheTruth) {
  if (!have("command -v mbpoll")) GTEST_SKIP() << "mbpoll not installed";
  target_ = live_.device("50000002");
  expect_mbpoll_matches("-m rtu -b 38400 -P none", "50000002", 2);
}

TEST_F(Interop, PymodbusOverModbusTcpReadsAndWrites) {
  if (!have("/usr/bin/python3 -c 'import pymodbus.client'")) GTEST_SKIP() << "no python3-pymodbus";
  expect_pymodbus_matches("tcp", "127.0.0.1:" + std::to_string(live_.tcp_port("50000002")),
                          "50000002", 2);
}

TEST_F(Interop, PymodbusOverRtuOnThePtyReadsAndWrites) {
  if (!have("/usr/bin/python3 -c 'import pymodbus.client'")) GTEST_SKIP() << "no python3-pymodbus";
  expect_pymodbus_matches("rtu", live_.device("50000001"), "50000001", 1);
}

}  // namespace
}  // namespace jemhead::sim
