// The DLMS driver with HDLC framing over TCP (a profile for a terminal server), end to end
// against jemsim's HDLC-over-TCP listener in-process: registers and a load profile equal
// the simulator's truth, long answers come segmented, the meter's one association is
// shared with the wrapper listener and the HDLC pty, connections are logged in the
// Ethernet log, an injected fault closes the connection, and an idle one is closed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <thread>

#include "core/meter.hpp"
#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/driver/driver.hpp"
#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/dlms_service.hpp"
#include "sim/dlms/dlms_truth_json.hpp"
#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::sim {
namespace {

using namespace std::chrono_literals;
using transport::testing::Runner;

const char* kFleet = R"(
seed: 5
time_factor: 3600
start_time: "2026-03-01T00:00:00Z"
meters:
  list:
    - serial: "52000001"
      dlms:
        physical_address: 321
        hdlc_tcp: { listen: "127.0.0.1:0" }
        hdlc: { baud: 9600 }
    - serial: "52000002"
      dlms:
        hdlc_tcp: { max_info: 32, inactivity_timeout_s: 1 }
)";

// Fleet + DLMS service in-process; 2 simulated hours, then time stands still.
class LiveSim {
 public:
  LiveSim()
      : spec_(parse_fleet(kFleet, "hdlc_tcp.yaml")),
        fleet_(spec_, utc_now(), RealClock::now() - std::chrono::seconds(2)),
        service_(fleet_) {
    const auto now = RealClock::now();
    for (const auto& m : fleet_.meters()) m->set_time_factor(0, now);
    service_.start();
  }
  std::uint16_t port(const std::string& text) {
    return static_cast<std::uint16_t>(std::stoi(text.substr(text.rfind(':') + 1)));
  }
  std::uint16_t hdlc_tcp_port(const char* serial) {
    return port(service_.endpoint(serial)->hdlc_tcp);
  }
  std::uint16_t wrapper_port(const char* serial) { return port(service_.endpoint(serial)->tcp); }
  dlms_server::DlmsMeterServer& server(const char* serial) { return *service_.server(serial); }
  DlmsService& service() { return service_; }

 private:
  FleetSpec spec_;
  Fleet fleet_;
  DlmsService service_;
};

ConnectionProfile hdlc_tcp_profile(std::uint16_t port, const std::string& options) {
  ConnectionProfile p;
  p.name = "terminal-server-dlms";
  p.protocol = Protocol::dlms;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.port = port;
  p.timeout_ms = 2000;
  p.options_json = options;
  return p;
}

const char* kReader321 =
    R"({"framing":"hdlc","client":"reader","password":"ClientId2","physical_address":321})";
const char* kReader100 = R"({"framing":"hdlc","client":"reader","password":"ClientId2"})";

std::unique_ptr<drivers::Session> open(Runner& runner, const ConnectionProfile& profile) {
  static const dlms::DlmsDriver driver;
  Meter meter;
  meter.id = 7;
  return runner.run(driver.open(meter, profile, runner.executor()));
}

// Polls `done` for up to two seconds: the server notices a client's close asynchronously.
template <typename F>
bool eventually(F done) {
  for (int i = 0; i < 400; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  return fd;
}

// True when the server closed the connection within the socket's 3 s receive timeout.
bool closed_by_server(int fd) {
  timeval limit{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  char byte = 0;
  return ::recv(fd, &byte, 1, 0) == 0;
}

// Every reading equals the served value in kWh (scaler 0, Wh), exactly: time is frozen.
void expect_registers_equal_truth(const std::vector<RegisterReading>& readings,
                                  dlms_server::DlmsMeterServer& server) {
  const auto truth = dlms_server::dlms_snapshot(server.meter(), RealClock::now());
  std::size_t matched = 0;
  int nonzero = 0;
  for (const auto& want : truth.registers) {
    for (const auto& got : readings) {
      if (got.register_id != want.obis.to_string()) continue;
      EXPECT_EQ(got.value, want.value / 1000.0) << got.register_id;
      EXPECT_EQ(got.unit, "kWh");
      ++matched;
      nonzero += want.value != 0;
    }
  }
  EXPECT_EQ(matched, truth.registers.size());
  EXPECT_GT(nonzero, 0) << "every register is zero: the comparison proves little";
}

// The recorder's buffer of profile 1 as the meter keeps it, against what the driver read:
// every interval's end and every channel's Float32 (kilo units stored divided by 1000).
void expect_profile_equals_truth(const drivers::LoadProfileRead& read,
                                 dlms_server::DlmsMeterServer& server) {
  std::vector<std::int64_t> ends;
  std::vector<std::vector<float>> values;
  server.meter().read_load_profile(RealClock::now(), [&](const SimMeter::LoadProfileView& view) {
    const auto& buffer = view.recorder.profile(0).buffer;
    for (std::size_t i = 0; i < buffer.size(); ++i) {
      ends.push_back(buffer.end(i));
      const auto v = buffer.values(i);
      values.emplace_back(v.begin(), v.end());
    }
  });
  ASSERT_GE(ends.size(), 7u);  // 2 simulated hours of 15-minute intervals
  const auto channels = read.layout.channels.size();
  ASSERT_EQ(channels, values.front().size());
  ASSERT_EQ(read.intervals, ends.size());
  ASSERT_EQ(read.values.size(), ends.size() * channels);
  int nonzero = 0;
  for (std::size_t i = 0; i < ends.size(); ++i) {
    for (std::size_t c = 0; c < channels; ++c) {
      const auto& got = read.values[i * channels + c];
      EXPECT_EQ(got.interval_end, UtcTime(std::chrono::seconds(ends[i])));
      EXPECT_EQ(got.channel, c + 1);
      const auto& unit = read.layout.channels[c].unit;
      const double sent = values[i][c];
      const double want = !unit.empty() && unit.front() == 'k' ? sent / 1000 : sent;
      EXPECT_DOUBLE_EQ(got.value, want) << "interval " << i << " channel " << c + 1 << " " << unit;
      nonzero += sent != 0;
    }
  }
  EXPECT_GT(nonzero, 0);
}

TEST(DlmsHdlcTcp, RegistersAndALoadProfileReadOverHdlcTcpEqualTheTruth) {
  LiveSim sim;
  Runner runner;
  auto& server = sim.server("52000001");
  auto session = open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000001"), kReader321));
  EXPECT_TRUE(sim.service().endpoint("52000001")->connected);
  const auto readings = runner.run(session->read_registers());
  expect_registers_equal_truth(readings, server);
  const auto profile = runner.run(session->read_load_profile(drivers::LoadProfileRequest{}));
  expect_profile_equals_truth(profile, server);
  runner.run(session->close());

  const auto& c = server.counters();
  ASSERT_TRUE(eventually([&] { return c.connections_closed.load() == 1; }));
  EXPECT_FALSE(sim.service().endpoint("52000001")->connected);
  EXPECT_FALSE(server.busy());
  EXPECT_EQ(c.connections_accepted.load(), 1u);
  EXPECT_GT(c.hdlc_frames_in.load(), 5u);  // SNRM, AARQ, GETs, RLRQ, DISC
  EXPECT_GT(c.datablocks_sent.load(), 0u);
  EXPECT_EQ(c.hdlc_bad_frames.load(), 0u);
  EXPECT_EQ(c.associations_accepted.load(), 1u);
  EXPECT_EQ(c.releases.load(), 1u);
  // Like a wrapper connection: a connect and a disconnect in the Ethernet log.
  const auto log = server.ethernet_log().entries();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, dlms_server::EthernetStatus::connect);
  EXPECT_EQ(log[1].status, dlms_server::EthernetStatus::disconnect);
}

TEST(DlmsHdlcTcp, LongAnswersComeSegmentedAtTheListenersInfoSize) {
  LiveSim sim;
  Runner runner;
  auto session = open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000002"), kReader100));
  expect_registers_equal_truth(runner.run(session->read_registers()), sim.server("52000002"));
  runner.run(session->close());
  EXPECT_GT(sim.server("52000002").counters().hdlc_segments_out.load(), 0u);
}

TEST(DlmsHdlcTcp, TheOneAssociationIsSharedWithTheWrapperAndThePty) {
  LiveSim sim;
  Runner runner;
  auto& server = sim.server("52000001");
  {
    auto session = open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000001"), kReader321));
    const int wrapper = connect_loopback(sim.wrapper_port("52000001"));
    EXPECT_TRUE(closed_by_server(wrapper));
    ::close(wrapper);
    ConnectionProfile pty =
        hdlc_tcp_profile(0, R"({"password":"ClientId2","physical_address":321})");
    pty.transport = Transport::serial;
    pty.device = sim.service().endpoint("52000001")->hdlc->device;
    pty.baud = 38400;
    EXPECT_THROW(open(runner, pty), drivers::ConnectionFailed);  // the SNRM gets DM
    EXPECT_EQ(server.counters().connections_refused.load(), 2u);
    runner.run(session->close());
  }
  ASSERT_TRUE(eventually([&] { return !server.busy(); }));
  // And the other way round: a wrapper connection holds the meter.
  const int wrapper = connect_loopback(sim.wrapper_port("52000001"));
  ASSERT_TRUE(eventually([&] { return server.busy(); }));
  EXPECT_THROW(open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000001"), kReader321)),
               drivers::DriverError);
  EXPECT_EQ(server.counters().connections_refused.load(), 3u);
  ::close(wrapper);
}

TEST(DlmsHdlcTcp, AnInjectedDropClosesTheConnectionAndTheNextSessionReads) {
  LiveSim sim;
  Runner runner;
  auto& server = sim.server("52000001");
  server.set_fault({1, 1});
  {
    auto session = open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000001"), kReader321));
    EXPECT_THROW(runner.run(session->read_load_profile(drivers::LoadProfileRequest{})),
                 drivers::DriverError);
    runner.run(session->close());
  }
  EXPECT_EQ(server.counters().transfers_dropped.load(), 1u);
  ASSERT_TRUE(eventually([&] { return server.counters().connections_closed.load() == 1; }));
  EXPECT_FALSE(server.busy());
  EXPECT_FALSE(server.fault().active());
  auto session = open(runner, hdlc_tcp_profile(sim.hdlc_tcp_port("52000001"), kReader321));
  expect_profile_equals_truth(runner.run(session->read_load_profile(drivers::LoadProfileRequest{})),
                              server);
  runner.run(session->close());
}

TEST(DlmsHdlcTcp, AnIdleConnectionIsClosedAndFreesTheMeter) {
  LiveSim sim;
  auto& server = sim.server("52000002");
  const int fd = connect_loopback(sim.hdlc_tcp_port("52000002"));  // and never a SNRM
  ASSERT_TRUE(eventually([&] { return server.busy(); }));
  EXPECT_TRUE(closed_by_server(fd));  // inactivity_timeout_s: 1
  ::close(fd);
  ASSERT_TRUE(eventually([&] { return !server.busy(); }));
  EXPECT_EQ(server.counters().idle_timeouts.load(), 1u);
  EXPECT_EQ(server.counters().connections_closed.load(), 1u);
  EXPECT_EQ(server.ethernet_log().entries().size(), 2u);
}

TEST(DlmsHdlcTcp, TheListenerIsReportedWithTheOtherEndpoints) {
  LiveSim sim;
  const auto endpoints = dlms_endpoints_json(sim.service());
  const auto& meters = endpoints.at("meters").as_array();
  ASSERT_EQ(meters.size(), 2u);
  for (const auto& m : meters) {
    const std::string serial(m.at("serial").as_string());
    const auto want = sim.service().endpoint(serial)->hdlc_tcp;
    EXPECT_EQ(want.rfind("127.0.0.1:", 0), 0u) << want;
    EXPECT_NE(sim.port(want), 0);
    EXPECT_EQ(m.at("hdlc_tcp").as_string(), want);
  }
  auto& server = sim.server("52000001");
  const auto truth =
      dlms_truth_json(server, dlms_server::dlms_snapshot(server.meter(), RealClock::now()),
                      *sim.service().endpoint("52000001"));
  EXPECT_EQ(truth.at("hdlc_tcp").as_string(), sim.service().endpoint("52000001")->hdlc_tcp);
}

TEST(DlmsHdlcTcp, FleetKeysAreReadAndValidated) {
  const std::string base = "meters:\n  list:\n    - serial: \"1\"\n      dlms:\n        hdlc_tcp: ";
  EXPECT_THROW(parse_fleet(base + "{ bogus: 1 }\n", "f.yaml"), FleetError);
  EXPECT_THROW(parse_fleet(base + "{ listen: \"10.0.0.1:4059\" }\n", "f.yaml"), FleetError);
  EXPECT_THROW(parse_fleet(base + "{ max_info: 31 }\n", "f.yaml"), FleetError);
  EXPECT_THROW(parse_fleet(base + "{ inter_frame_timeout_ms: 19 }\n", "f.yaml"), FleetError);
  const auto fleet =
      parse_fleet(base +
                      "{ listen: \"[::1]:0\", max_info: 256, inactivity_timeout_s: 0, "
                      "inter_frame_timeout_ms: 500 }\n",
                  "f.yaml");
  const auto& spec = fleet.meters.at(0).dlms->hdlc_tcp;
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->address, "::1");
  EXPECT_EQ(spec->port, 0);
  EXPECT_EQ(spec->max_info, 256);
  EXPECT_EQ(spec->inactivity_timeout_s, 0u);
  EXPECT_EQ(spec->inter_frame_timeout_ms, 500u);
  const auto without =
      parse_fleet("meters:\n  list:\n    - serial: \"1\"\n      dlms: {}\n", "f.yaml");
  ASSERT_TRUE(without.meters.at(0).dlms);
  EXPECT_FALSE(without.meters.at(0).dlms->hdlc_tcp);
}

}  // namespace
}  // namespace jemhead::sim
