// jemsim's DLMS server on a real loopback socket, driven by a raw blocking client built
// from the apdu/axdr/wrapper codecs. Simulated time runs fast for a moment and is then
// frozen, so what the client reads can be compared exactly with the truth.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"
#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/dlms_control_api.hpp"
#include "sim/dlms/dlms_service.hpp"
#include "sim/dlms/dlms_truth_json.hpp"
#include "sim/fleet.hpp"

namespace jemhead::sim {
namespace {

namespace apdu = dlms::apdu;
namespace axdr = dlms::axdr;
namespace wrapper = dlms::wrapper;
using apdu::DataAccessResult;

constexpr char kSerial[] = "50000001";
constexpr char kFleet[] = R"(
seed: 3
time_factor: 3600
start_time: "2026-03-01T00:00:00Z"
meters:
  list:
    - serial: "50000001"
      pt_ratio: 2
      identification: { Location: "Substation 12 feeder 4 B" }
      dlms:
        tcp: { listen: "127.0.0.1:0" }
        physical_address: 100
        passwords: { reader: "read-pw", manager: "manage-pw" }
)";

// Fleet + DLMS service in-process; 2 simulated hours, then time stands still.
class LiveDlms {
 public:
  LiveDlms()
      : spec_(parse_fleet(kFleet, "live.yaml")),
        fleet_(spec_, utc_now(), RealClock::now() - std::chrono::seconds(2)),
        service_(fleet_) {
    const auto now = RealClock::now();
    for (const auto& m : fleet_.meters()) m->set_time_factor(0, now);
    service_.start();
  }
  std::uint16_t port() {
    const auto tcp = service_.endpoint(kSerial)->tcp;
    return static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1)));
  }
  SimMeter& meter() { return *fleet_.find(kSerial); }
  DlmsService& service() { return service_; }
  dlms_server::DlmsCounters& counters() { return service_.server(kSerial)->counters(); }

 private:
  FleetSpec spec_;
  Fleet fleet_;
  DlmsService service_;
};

// A blocking wrapper client on one TCP connection.
class RawClient {
 public:
  RawClient(std::uint16_t port, std::uint16_t sap) : sap_(sap) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }

  // Sends one APDU and waits up to 2 s for one answer; empty on close or timeout.
  apdu::Bytes exchange(const apdu::Bytes& request) {
    const auto frame = wrapper::encode_wrapper(sap_, 1, request);
    if (::send(fd_, frame.data(), frame.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(frame.size()))
      return {};
    return receive();
  }
  // True when the server closed the connection within 2 s.
  bool closed_by_server() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return false;
    std::uint8_t b;
    return ::recv(fd_, &b, 1, 0) == 0;
  }

  apdu::Aare associate(std::optional<std::string> password, std::uint16_t max_pdu = 512) {
    apdu::Aarq aarq;
    aarq.password = std::move(password);
    aarq.initiate.client_max_receive_pdu_size = max_pdu;
    const auto answer = exchange(apdu::encode_aarq(aarq));
    auto decoded = apdu::decode_aare(answer);
    if (!std::holds_alternative<apdu::Aare>(decoded)) {
      ADD_FAILURE() << "no AARE";
      return {};
    }
    return std::get<apdu::Aare>(decoded);
  }

  apdu::XdlmsResponse request(const apdu::XdlmsRequest& r) {
    auto decoded = apdu::decode_response(exchange(apdu::encode_request(r)));
    if (!std::holds_alternative<apdu::XdlmsResponse>(decoded)) {
      ADD_FAILURE() << "no xDLMS response";
      return apdu::ExceptionResponse{};
    }
    return std::get<apdu::XdlmsResponse>(decoded);
  }

  // GET attribute; the Data, or the data-access-result. Follows datablocks.
  std::variant<axdr::Data, DataAccessResult> get(std::uint16_t cls, const dlms::cosem::Obis& obis,
                                                 std::int8_t attribute, int* blocks = nullptr) {
    apdu::GetRequestNormal g{{}, {cls, obis.bytes(), attribute}, std::nullopt};
    auto response = request(g);
    if (auto* n = std::get_if<apdu::GetResponseNormal>(&response)) {
      if (auto* r = std::get_if<DataAccessResult>(&n->result)) return *r;
      return axdr::decode(std::get<apdu::Bytes>(n->result));
    }
    apdu::DatablockReassembler reassembler(1 << 16);
    for (int i = 0; i < 1000; ++i) {
      auto* block = std::get_if<apdu::GetResponseWithDatablock>(&response);
      if (!block) break;
      if (blocks) ++*blocks;
      auto progress = reassembler.add(*block);
      if (auto* problem = std::get_if<apdu::ReassemblyProblem>(&progress))
        return problem->access_result.value_or(DataAccessResult::other_reason);
      if (std::get<apdu::DatablockReassembler::Progress>(progress) ==
          apdu::DatablockReassembler::Progress::complete)
        return axdr::decode(reassembler.data());
      response = request(reassembler.next_request({}));
    }
    ADD_FAILURE() << "unexpected GET response";
    return DataAccessResult::other_reason;
  }

  DataAccessResult set(std::uint16_t cls, const dlms::cosem::Obis& obis, std::int8_t attribute,
                       const axdr::Data& value) {
    apdu::SetRequestNormal s{{}, {cls, obis.bytes(), attribute}, std::nullopt, axdr::encode(value)};
    auto response = request(s);
    if (auto* r = std::get_if<apdu::SetResponseNormal>(&response)) return r->result;
    ADD_FAILURE() << "no SET response";
    return DataAccessResult::other_reason;
  }

 private:
  apdu::Bytes receive() {
    wrapper::WrapperDecoder decoder;
    std::uint8_t buffer[4096];
    for (;;) {
      if (auto frame = decoder.next()) {
        EXPECT_EQ(frame->source, 1);
        EXPECT_EQ(frame->destination, sap_);
        return frame->apdu;
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return {};
      const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return {};
      decoder.feed(std::span<const std::uint8_t>(buffer, static_cast<std::size_t>(n)));
    }
  }
  int fd_ = -1;
  bool connected_ = false;
  std::uint16_t sap_;
};

constexpr dlms::cosem::Obis kClock{0, 0, 1, 0, 0, 255};
constexpr dlms::cosem::Obis kWhPolyDelivered{1, 0, 1, 8, 0, 255};
constexpr dlms::cosem::Obis kSerialObis{0, 0, 96, 11, 0, 255};
constexpr dlms::cosem::Obis kLocationObis{0, 0, 96, 11, 3, 255};
constexpr dlms::cosem::Obis kRegisterFirmware{0, 0, 0, 2, 1, 255};

std::uint8_t diagnostic(const apdu::Aare& aare) {
  return aare.diagnostic.value;
}

TEST(SimDlmsAssociation, PublicClientNeedsNoPassword) {
  LiveDlms live;
  RawClient client(live.port(), 16);
  const auto aare = client.associate(std::nullopt);
  EXPECT_EQ(aare.result, apdu::AssociationResult::accepted);
  const auto& init = std::get<apdu::InitiateResponse>(aare.user_information);
  EXPECT_EQ(init.negotiated_conformance, apdu::kJemStarConformance);
  EXPECT_EQ(init.server_max_receive_pdu_size, 512);
  EXPECT_EQ(live.counters().associations_accepted.load(), 1u);
}

TEST(SimDlmsAssociation, LlsWithTheRightPasswordIsAccepted) {
  LiveDlms live;
  RawClient reader(live.port(), 2);
  EXPECT_EQ(reader.associate("read-pw").result, apdu::AssociationResult::accepted);
}

TEST(SimDlmsAssociation, WrongPasswordIsRejectedWithAuthenticationFailure) {
  LiveDlms live;
  RawClient manager(live.port(), 1);
  const auto aare = manager.associate("read-pw");  // the reader's, not the manager's
  EXPECT_EQ(aare.result, apdu::AssociationResult::rejected_permanent);
  EXPECT_EQ(aare.diagnostic.source, apdu::DiagnosticSource::acse_service_user);
  EXPECT_EQ(diagnostic(aare),
            static_cast<std::uint8_t>(apdu::AcseServiceUser::authentication_failure));
  // Not associated: a GET is refused outright.
  auto response = manager.request(apdu::GetRequestNormal{{}, {8, kClock.bytes(), 2}, std::nullopt});
  EXPECT_TRUE(std::holds_alternative<apdu::ExceptionResponse>(response));
  EXPECT_EQ(live.counters().associations_rejected.load(), 1u);
}

TEST(SimDlmsAssociation, UnknownClientSapIsRejected) {
  LiveDlms live;
  RawClient stranger(live.port(), 5);
  EXPECT_EQ(stranger.associate(std::nullopt).result, apdu::AssociationResult::rejected_permanent);
}

TEST(SimDlmsAssociation, SecondConnectionIsAcceptedAndClosed) {
  LiveDlms live;
  RawClient first(live.port(), 16);
  ASSERT_EQ(first.associate(std::nullopt).result, apdu::AssociationResult::accepted);
  RawClient second(live.port(), 16);
  ASSERT_TRUE(second.connected());
  EXPECT_TRUE(second.closed_by_server());
  EXPECT_EQ(live.counters().connections_refused.load(), 1u);
  // The first one is still served.
  EXPECT_TRUE(std::holds_alternative<axdr::Data>(first.get(8, kClock, 2)));
}

TEST(SimDlmsAssociation, ReleaseAnswersRlreAndEndsTheAssociation) {
  LiveDlms live;
  RawClient client(live.port(), 2);
  ASSERT_EQ(client.associate("read-pw").result, apdu::AssociationResult::accepted);
  auto rlre = apdu::decode_rlre(client.exchange(apdu::encode_rlrq({})));
  ASSERT_TRUE(std::holds_alternative<apdu::Rlre>(rlre));
  EXPECT_EQ(std::get<apdu::Rlre>(rlre).reason, 0);
  auto response = client.request(apdu::GetRequestNormal{{}, {8, kClock.bytes(), 2}, std::nullopt});
  EXPECT_TRUE(std::holds_alternative<apdu::ExceptionResponse>(response));
  EXPECT_EQ(live.counters().releases.load(), 1u);
}

TEST(SimDlmsGet, ClockEqualsTheMeterClock) {
  LiveDlms live;
  RawClient client(live.port(), 16);
  ASSERT_EQ(client.associate(std::nullopt).result, apdu::AssociationResult::accepted);
  auto value = client.get(8, kClock, 2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(value));
  const auto when = axdr::to_utc(axdr::date_time_of(std::get<axdr::Data>(value)));
  ASSERT_TRUE(when);
  const auto expected = live.meter().meter_time_now(RealClock::now());
  EXPECT_EQ(to_unix_micros(*when) / 1'000'000, to_unix_micros(expected) / 1'000'000);
  EXPECT_EQ(format_iso8601(*when).substr(0, 13), "2026-03-01T02");  // 2 simulated hours in
  auto zone = client.get(8, kClock, 3);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(zone));
  EXPECT_EQ(std::get<axdr::Data>(zone).as_long(), 0);
}

TEST(SimDlmsGet, RegisterValueAndScalerEqualTheTruth) {
  LiveDlms live;
  RawClient client(live.port(), 2);
  ASSERT_EQ(client.associate("read-pw").result, apdu::AssociationResult::accepted);
  const auto truth = dlms_server::dlms_snapshot(live.meter(), RealClock::now());
  ASSERT_EQ(truth.registers.size(), 8u);
  const auto& poly = *std::find_if(truth.registers.begin(), truth.registers.end(),
                                   [](const auto& r) { return r.obis == kWhPolyDelivered; });
  ASSERT_GT(poly.value, 0u);
  // x1000 of the primary Wh (PT 2).
  const auto secondary = live.meter().truth_now(RealClock::now()).energy.phase[kPoly].wh_delivered;
  EXPECT_NEAR(poly.value, secondary * 2 * 1000, 1.0);
  auto value = client.get(3, kWhPolyDelivered, 2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(value));
  EXPECT_EQ(std::get<axdr::Data>(value).as_double_long_unsigned(), poly.value);
  auto scaler_unit = client.get(3, kWhPolyDelivered, 3);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(scaler_unit));
  const auto& s = std::get<axdr::Data>(scaler_unit).as_structure();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].as_integer(), poly.scaler);
  EXPECT_EQ(s[1].as_enum(), 30);  // Wh
  // The truth route reports the same value and the endpoint.
  const auto json =
      dlms_truth_json(*live.service().server(kSerial), truth, *live.service().endpoint(kSerial));
  EXPECT_EQ(json.at("registers").as_array().at(3).at("obis").as_string(), "1.0.1.8.0.255");
  EXPECT_EQ(json.at("registers").as_array().at(3).at("value").to_number<std::uint32_t>(),
            poly.value);
  EXPECT_EQ(json.at("tcp").as_string(), "127.0.0.1:" + std::to_string(live.port()));
  EXPECT_TRUE(json.at("connected").as_bool());
}

TEST(SimDlmsGet, UnknownObjectIsObjectUndefined) {
  LiveDlms live;
  RawClient client(live.port(), 2);
  ASSERT_EQ(client.associate("read-pw").result, apdu::AssociationResult::accepted);
  auto value = client.get(3, dlms::cosem::Obis{1, 0, 99, 99, 0, 255}, 2);
  ASSERT_TRUE(std::holds_alternative<DataAccessResult>(value));
  EXPECT_EQ(std::get<DataAccessResult>(value), DataAccessResult::object_undefined);
  // The clock under the wrong class is not an object either.
  value = client.get(1, kClock, 2);
  EXPECT_EQ(std::get<DataAccessResult>(value), DataAccessResult::object_undefined);
}

TEST(SimDlmsGet, PublicClientReadsIdentificationButNotFirmwareOrRegisters) {
  LiveDlms live;
  RawClient client(live.port(), 16);
  ASSERT_EQ(client.associate(std::nullopt).result, apdu::AssociationResult::accepted);
  auto serial = client.get(1, kSerialObis, 2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(serial));
  EXPECT_EQ(std::get<axdr::Data>(serial).as_visible_string(), kSerial);
  EXPECT_EQ(std::get<DataAccessResult>(client.get(1, kRegisterFirmware, 2)),
            DataAccessResult::read_write_denied);
  EXPECT_EQ(std::get<DataAccessResult>(client.get(3, kWhPolyDelivered, 2)),
            DataAccessResult::read_write_denied);
}

TEST(SimDlmsGet, LargeAnswerComesInDatablocksForASmallClientPdu) {
  LiveDlms live;
  RawClient client(live.port(), 2);
  ASSERT_EQ(client.associate("read-pw", 20).result, apdu::AssociationResult::accepted);
  int blocks = 0;
  auto location = client.get(1, kLocationObis, 2, &blocks);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(location));
  EXPECT_EQ(std::get<axdr::Data>(location).as_visible_string(), "Substation 12 feeder 4 B");
  // 26 bytes of Data in chunks of 20 - 12 = 8 bytes.
  EXPECT_EQ(blocks, 4);
  EXPECT_EQ(live.counters().datablocks_sent.load(), 4u);
  // A GET-Request-Next with nothing in progress is refused.
  auto response = client.request(apdu::GetRequestNext{{}, 4});
  auto* block = std::get_if<apdu::GetResponseWithDatablock>(&response);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(std::get<DataAccessResult>(block->result), DataAccessResult::no_long_get_in_progress);
}

TEST(SimDlmsSet, ManagerMovesTheClock) {
  LiveDlms live;
  RawClient manager(live.port(), 1);
  ASSERT_EQ(manager.associate("manage-pw").result, apdu::AssociationResult::accepted);
  const auto target = *parse_iso8601("2026-05-04T03:02:01Z");
  EXPECT_EQ(manager.set(8, kClock, 2, axdr::to_octet_string_data(axdr::from_utc(target, 0))),
            DataAccessResult::success);
  EXPECT_EQ(format_iso8601(live.meter().meter_time_now(RealClock::now())).substr(0, 19),
            "2026-05-04T03:02:01");
  auto value = manager.get(8, kClock, 2);
  EXPECT_EQ(axdr::to_utc(axdr::date_time_of(std::get<axdr::Data>(value))), target);
}

TEST(SimDlmsSet, ReaderIsDeniedAndTheClockStays) {
  LiveDlms live;
  RawClient reader(live.port(), 2);
  ASSERT_EQ(reader.associate("read-pw").result, apdu::AssociationResult::accepted);
  const auto before = live.meter().meter_time_now(RealClock::now());
  const auto target = *parse_iso8601("2027-01-01T00:00:00Z");
  EXPECT_EQ(reader.set(8, kClock, 2, axdr::to_octet_string_data(axdr::from_utc(target, 0))),
            DataAccessResult::read_write_denied);
  EXPECT_EQ(live.meter().meter_time_now(RealClock::now()), before);
  // Registers are read-only for everyone.
  EXPECT_EQ(reader.set(3, kWhPolyDelivered, 2, axdr::Data::make_double_long_unsigned(0)),
            DataAccessResult::read_write_denied);
}

// The control route of the fault, called in-process.
net::HttpResponse control(DlmsService& service, const std::string& method,
                          const std::string& body) {
  net::HttpRequest r;
  r.method = method;
  r.path = "/meters/50000001/dlms/faults";
  r.target = r.path;
  r.body = body;
  DlmsControlApi api(service);
  auto answer = api.handle(r);
  if (!answer) {
    ADD_FAILURE() << "route not handled";
    return {};
  }
  return *answer;
}

TEST(SimDlmsFault, TcpConnectionIsClosedAfterBlockNAndTheFaultClears) {
  LiveDlms live;
  auto set = control(live.service(), "POST", R"({"drop_after_blocks": 2, "times": 1})");
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(boost::json::parse(set.body),
            boost::json::parse(R"({"drop_after_blocks":2,"times":1})"));
  EXPECT_EQ(boost::json::parse(control(live.service(), "GET", "").body),
            boost::json::parse(R"({"drop_after_blocks":2,"times":1})"));
  {
    RawClient client(live.port(), 2);
    ASSERT_EQ(client.associate("read-pw", 20).result, apdu::AssociationResult::accepted);
    // The location (26 bytes of Data) goes in 8-byte blocks: 1 and 2 come, then nothing.
    auto response = client.request(apdu::GetRequestNormal{{}, {1, kLocationObis.bytes(), 2}, {}});
    auto* block = std::get_if<apdu::GetResponseWithDatablock>(&response);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(block->block_number, 1u);
    response = client.request(apdu::GetRequestNext{{}, 1});
    block = std::get_if<apdu::GetResponseWithDatablock>(&response);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(block->block_number, 2u);
    EXPECT_FALSE(block->last_block);
    EXPECT_TRUE(client.exchange(apdu::encode_request(apdu::GetRequestNext{{}, 2})).empty());
    EXPECT_TRUE(client.closed_by_server());
  }
  const auto& c = live.counters();
  EXPECT_EQ(c.transfers_dropped.load(), 1u);
  EXPECT_EQ(c.datablocks_sent.load(), 2u);
  // The GET, the Next answered with block 2 and the Next left unanswered.
  EXPECT_EQ(c.get_requests.load(), 3u);
  EXPECT_EQ(boost::json::parse(control(live.service(), "GET", "").body),
            boost::json::parse(R"({"drop_after_blocks":0,"times":0})"));
  // The fault was one-shot: the same read now completes.
  for (int i = 0; i < 200 && live.service().server(kSerial)->busy(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  RawClient again(live.port(), 2);
  ASSERT_EQ(again.associate("read-pw", 20).result, apdu::AssociationResult::accepted);
  int blocks = 0;
  auto location = again.get(1, kLocationObis, 2, &blocks);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(location));
  EXPECT_EQ(std::get<axdr::Data>(location).as_visible_string(), "Substation 12 feeder 4 B");
  EXPECT_EQ(blocks, 4);
  EXPECT_EQ(c.transfers_dropped.load(), 1u);
}

TEST(SimDlmsFault, ControlRouteValidatesAndClears) {
  LiveDlms live;
  EXPECT_EQ(control(live.service(), "POST", R"({"drop_after_blocks": -1})").status, 400);
  EXPECT_EQ(control(live.service(), "POST", R"({"drop_after_blocks": 3, "times": 0})").status, 400);
  EXPECT_EQ(control(live.service(), "POST", R"({"refuse": true})").status, 400);
  EXPECT_EQ(control(live.service(), "DELETE", "").status, 405);
  auto set = control(live.service(), "POST", R"({"drop_after_blocks": 3})");  // times: 1
  EXPECT_EQ(boost::json::parse(set.body),
            boost::json::parse(R"({"drop_after_blocks":3,"times":1})"));
  EXPECT_EQ(live.service().server(kSerial)->fault().times, 1u);
  EXPECT_EQ(boost::json::parse(control(live.service(), "POST", "{}").body),
            boost::json::parse(R"({"drop_after_blocks":0,"times":0})"));
  control(live.service(), "POST", R"({"drop_after_blocks": 3, "times": 5})");
  control(live.service(), "POST", R"({"drop_after_blocks": 0, "times": 5})");
  EXPECT_FALSE(live.service().server(kSerial)->fault().active());
  // The truth carries the fault and the counter.
  control(live.service(), "POST", R"({"drop_after_blocks": 7, "times": 2})");
  auto* server = live.service().server(kSerial);
  const auto truth =
      dlms_truth_json(*server, dlms_server::dlms_snapshot(server->meter(), RealClock::now()),
                      *live.service().endpoint(kSerial));
  EXPECT_EQ(truth.at("fault"), boost::json::parse(R"({"drop_after_blocks":7,"times":2})"));
  EXPECT_EQ(truth.at("counters").at("transfers_dropped").as_uint64(), 0u);
}

TEST(SimDlmsFleetKeys, RejectsUnknownKeysAndBadAddresses) {
  const std::string base = "meters:\n  list:\n    - serial: \"1\"\n      dlms: ";
  EXPECT_THROW(parse_fleet(base + "{ bogus: 1 }\n", "f.yaml"), FleetError);
  EXPECT_THROW(parse_fleet(base + "{ physical_address: 15 }\n", "f.yaml"), FleetError);
  EXPECT_THROW(parse_fleet(base + "{ tcp: { listen: \"10.0.0.1:4059\" } }\n", "f.yaml"),
               FleetError);
  EXPECT_THROW(parse_fleet(base + "{ passwords: { admin: x } }\n", "f.yaml"), FleetError);
  const auto fleet = parse_fleet(base + "{ physical_address: 16381 }\n", "f.yaml");
  ASSERT_TRUE(fleet.meters.at(0).dlms);
  EXPECT_EQ(fleet.meters.at(0).dlms->physical_address, 16381);
  EXPECT_EQ(fleet.meters.at(0).dlms->manager_password, "ClientId1");
  EXPECT_FALSE(parse_fleet("meters:\n  count: 1\n", "f.yaml").meters.at(0).dlms);
}

}  // namespace
}  // namespace jemhead::sim
