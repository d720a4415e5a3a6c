// The Ethernet connection status log (sim/dlms/ethernet_log*.{hpp,cpp}): served in-process
// through DlmsSession and decoded with the head-end's own decoders (capture_columns,
// decode_ethernet_log), and logged by the real TCP listener as connections come and go.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "sim/dlms/dlms_control_api.hpp"
#include "sim/dlms/dlms_service.hpp"
#include "sim/dlms/ethernet_log_object.hpp"
#include "sim/dlms/meter_server.hpp"
#include "sim/dlms/session.hpp"
#include "sim/fleet.hpp"

namespace jemhead::sim {
namespace {

namespace apdu = dlms::apdu;
namespace axdr = dlms::axdr;
namespace cosem = dlms::cosem;
using apdu::DataAccessResult;
using dlms_server::EthernetLog;
using dlms_server::EthernetStatus;
using Result = std::variant<axdr::Data, DataAccessResult>;

constexpr cosem::Obis kLog{0, 0, 99, 98, 0, 255};
const RealClock::time_point kReal0 = RealClock::time_point{} + std::chrono::seconds(1000);

constexpr char kFleet[] = R"(start_time: "2026-06-26T10:00:00Z"
meters:
  list:
    - serial: "7"
      dlms: { tcp: { listen: "127.0.0.1:0" } }
)";

UtcTime at(const char* iso) {
  return *parse_iso8601(iso);
}

// One meter and one in-process session; the meter's clock runs at time factor 1.
class Rig {
 public:
  Rig()
      : spec_(parse_fleet(kFleet, "eth.yaml")),
        fleet_(spec_, UtcTime{}, kReal0),
        server_(*fleet_.find("7"), fleet_.find("7")->spec().dlms),
        session_(server_, [] { return kReal0; }) {}

  bool associate(std::uint16_t sap, std::optional<std::string> password) {
    sap_ = sap;
    apdu::Aarq aarq;
    aarq.password = std::move(password);
    auto aare = apdu::decode_aare(*session_.serve(sap, apdu::encode_aarq(aarq)));
    return std::get<apdu::Aare>(aare).result == apdu::AssociationResult::accepted;
  }
  apdu::XdlmsResponse request(const apdu::XdlmsRequest& r) {
    auto answer = session_.serve(sap_, apdu::encode_request(r));
    return std::get<apdu::XdlmsResponse>(apdu::decode_response(*answer));
  }
  Result get(std::int8_t attribute, std::optional<apdu::AccessSelection> access = std::nullopt,
             std::uint16_t cls = 7) {
    auto response = request(apdu::GetRequestNormal{{}, {cls, kLog.bytes(), attribute}, access});
    const auto& n = std::get<apdu::GetResponseNormal>(response);
    if (auto* r = std::get_if<DataAccessResult>(&n.result)) return *r;
    return axdr::decode(std::get<apdu::Bytes>(n.result));
  }
  // The meter clock at `real_offset` after the start, as the log records it.
  void log(EthernetStatus status, std::chrono::milliseconds real_offset) {
    server_.log_ethernet(status, kReal0 + real_offset);
  }
  dlms_server::DlmsMeterServer& server() { return server_; }

 private:
  FleetSpec spec_;
  Fleet fleet_;
  dlms_server::DlmsMeterServer server_;
  dlms_server::DlmsSession session_;
  std::uint16_t sap_ = 2;
};

std::uint32_t number(const Result& r) {
  return static_cast<std::uint32_t>(std::get<axdr::Data>(r).to_int64());
}

TEST(SimDlmsEthernetLog, BufferDecodesWithTheDriversDecoderEntryByEntry) {
  Rig rig;
  rig.log(EthernetStatus::connect, std::chrono::milliseconds(1'234));      // 10:00:01.23
  rig.log(EthernetStatus::disconnect, std::chrono::milliseconds(75'009));  // 10:01:15.00
  rig.log(EthernetStatus::connect, std::chrono::milliseconds(3'600'000));  // 11:00:00.00
  ASSERT_TRUE(rig.associate(2, "ClientId2"));

  const auto attribute3 = rig.get(3);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(attribute3));
  const auto columns = dlms::capture_columns(std::get<axdr::Data>(attribute3), "log");
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].role, cosem::ColumnRole::timestamp);
  // The manual's class 8 for the status column (L16727), served as printed.
  EXPECT_EQ(columns[1].object.class_id, 8);
  EXPECT_EQ(columns[1].object.logical_name, (cosem::Obis{0, 0, 96, 11, 0, 255}));
  EXPECT_EQ(columns[1].object.attribute_index, 2);
  EXPECT_TRUE(columns[1].class_mismatch);

  const auto buffer = rig.get(2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(buffer));
  const auto events =
      dlms::decode_ethernet_log(std::get<axdr::Data>(buffer), columns, 42, std::nullopt, {0});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event_time, at("2026-06-26T10:00:01.230Z"));  // hundredths kept
  EXPECT_EQ(events[0].code, "0");
  EXPECT_EQ(events[0].description, "Ethernet Connect");
  EXPECT_EQ(events[1].event_time, at("2026-06-26T10:01:15Z"));
  EXPECT_EQ(events[1].code, "1");
  EXPECT_EQ(events[1].description, "Ethernet Disconnect");
  EXPECT_EQ(events[2].event_time, at("2026-06-26T11:00:00Z"));
  EXPECT_EQ(events[2].code, "0");
  EXPECT_EQ(events[2].meter_id, 42);

  // Only newer entries with `after`, as the engine asks.
  const auto newer = dlms::decode_ethernet_log(std::get<axdr::Data>(buffer), columns, 42,
                                               at("2026-06-26T10:01:15Z"), {0});
  ASSERT_EQ(newer.size(), 1u);
  EXPECT_EQ(newer[0].event_time, at("2026-06-26T11:00:00Z"));
}

TEST(SimDlmsEthernetLog, OtherAttributesAreTheManualsValues) {
  Rig rig;
  rig.log(EthernetStatus::connect, std::chrono::milliseconds(0));
  rig.log(EthernetStatus::disconnect, std::chrono::milliseconds(10));
  ASSERT_TRUE(rig.associate(1, "ClientId1"));  // the manager reads it too
  EXPECT_EQ(std::get<axdr::Data>(rig.get(1)),
            axdr::Data::make_octet_string({0, 0, 99, 98, 0, 255}));
  EXPECT_EQ(number(rig.get(4)), 0u);  // capture period: none, event driven
  const auto sort = std::get<axdr::Data>(rig.get(5));
  EXPECT_EQ(sort, axdr::Data::make_enum(1));  // fifo, oldest first
  EXPECT_EQ(number(rig.get(7)), 2u);
  EXPECT_EQ(number(rig.get(8)), dlms_server::kEthernetLogCapacity);
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(9)), DataAccessResult::object_undefined);
  // Another class at the log's OBIS is not the log.
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(2, std::nullopt, 1)),
            DataAccessResult::object_undefined);
}

TEST(SimDlmsEthernetLog, PublicIsDeniedSelectiveAccessAndSetAreRefused) {
  Rig rig;
  ASSERT_TRUE(rig.associate(16, std::nullopt));
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(2)), DataAccessResult::read_write_denied);
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  const auto entries = apdu::make_entry_access({1, 0, 1, 0});
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(2, entries)), DataAccessResult::other_reason);
  ASSERT_TRUE(rig.associate(1, "ClientId1"));
  auto set = rig.request(apdu::SetRequestNormal{
      {}, {7, kLog.bytes(), 2}, std::nullopt, axdr::encode(axdr::Data::make_array({}))});
  EXPECT_EQ(std::get<apdu::SetResponseNormal>(set).result, DataAccessResult::read_write_denied);
}

TEST(SimDlmsEthernetLog, FifoDropsTheOldestAndStampsInHundredths) {
  EthernetLog log(3);
  const auto t0 = at("2026-01-01T00:00:00Z");
  for (int i = 0; i < 5; ++i)
    log.record(t0 + std::chrono::microseconds(i * 1'000'000 + 19'999),
               i % 2 ? EthernetStatus::disconnect : EthernetStatus::connect);
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].meter_time, t0 + std::chrono::milliseconds(2'010));
  EXPECT_EQ(entries[0].status, EthernetStatus::connect);
  EXPECT_EQ(entries[1].meter_time, t0 + std::chrono::milliseconds(3'010));
  EXPECT_EQ(entries[1].status, EthernetStatus::disconnect);
  EXPECT_EQ(entries[2].meter_time, t0 + std::chrono::milliseconds(4'010));
}

// A plain TCP connection to the listener, closed by this side.
bool connect_and_close(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::close(fd);
  return ok;
}

boost::json::object truth(DlmsService& service) {
  net::HttpRequest r;
  r.method = "GET";
  r.path = "/meters/7/dlms";
  r.target = r.path;
  auto answer = DlmsControlApi(service).handle(r);
  if (!answer || answer->status != 200) {
    ADD_FAILURE() << "truth route failed";
    return {};
  }
  return boost::json::parse(answer->body).as_object();
}

TEST(SimDlmsEthernetLog, TcpConnectionsAreLoggedAndTheTruthRouteListsThem) {
  const auto spec = parse_fleet(kFleet, "eth.yaml");
  Fleet fleet(spec, utc_now(), RealClock::now());
  DlmsService service(fleet);
  service.start();
  const auto tcp = service.endpoint("7")->tcp;
  const auto port = static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1)));
  const auto& log = service.server("7")->ethernet_log();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(connect_and_close(port));
    // The disconnect is logged when the server sees the close; wait for it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (log.entries().size() < 2u * (i + 1) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 4u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].status, i % 2 ? EthernetStatus::disconnect : EthernetStatus::connect);
    if (i > 0) {
      EXPECT_LE(entries[i - 1].meter_time, entries[i].meter_time);
    }
  }
  const auto now = fleet.find("7")->meter_time_now(RealClock::now());
  EXPECT_LE(entries.back().meter_time, now);
  EXPECT_GT(entries.front().meter_time, now - std::chrono::seconds(30));

  const auto json = truth(service);
  const auto& eth = json.at("ethernet_log").as_object();
  EXPECT_EQ(eth.at("obis").as_string(), "0.0.99.98.0.255");
  EXPECT_EQ(eth.at("entries_in_use").as_int64(), 4);
  EXPECT_EQ(eth.at("profile_entries").as_int64(), 1000);
  const auto& items = eth.at("entries").as_array();
  ASSERT_EQ(items.size(), 4u);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i].as_object();
    EXPECT_EQ(*parse_iso8601(std::string(item.at("time").as_string())), entries[i].meter_time);
    EXPECT_EQ(item.at("status").as_int64(), i % 2 ? 1 : 0);
    EXPECT_EQ(item.at("description").as_string(),
              i % 2 ? "Ethernet Disconnect" : "Ethernet Connect");
  }
  service.stop();
}

}  // namespace
}  // namespace jemhead::sim
