// The load profiles over the simulator's DLMS server (sim/dlms/profile_objects.*), driven
// in-process through DlmsSession with the client-side codecs (apdu, axdr, cosem): what the
// sim sends must decode with the head-end's own decoders and equal the recorder's buffer.
#include <gtest/gtest.h>

#include <chrono>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/cosem/capture_objects.hpp"
#include "sim/dlms/meter_server.hpp"
#include "sim/dlms/profile_objects.hpp"
#include "sim/dlms/session.hpp"
#include "sim/fleet.hpp"

namespace jemhead::sim {
namespace {

namespace apdu = dlms::apdu;
namespace axdr = dlms::axdr;
namespace cosem = dlms::cosem;
using apdu::DataAccessResult;
using Result = std::variant<axdr::Data, DataAccessResult>;

constexpr cosem::Obis kLp1{1, 0, 99, 1, 0, 255}, kLp2{1, 0, 98, 1, 0, 255};
const RealClock::time_point kReal0 = RealClock::time_point{} + std::chrono::seconds(1000);

std::string fleet_yaml(const std::string& meter_extra) {
  std::string y = R"(start_time: "2026-01-01T00:00:00Z"
meters:
  list:
    - serial: "1"
      pt_ratio: 2
      dlms: { tcp: { listen: "127.0.0.1:0" } }
)";
  return y + meter_extra;
}

// One meter, one DLMS session, simulated time frozen at `elapsed` after the start.
class Rig {
 public:
  Rig(const std::string& extra, std::chrono::seconds elapsed)
      : spec_(parse_fleet(fleet_yaml(extra), "pg.yaml")),
        fleet_(spec_, UtcTime{}, kReal0),
        server_(*fleet_.find("1"), fleet_.find("1")->spec().dlms),
        now_(kReal0 + elapsed),
        session_(server_, [this] { return now_; }) {}

  bool associate(std::uint16_t sap, std::optional<std::string> password, std::uint16_t pdu = 512) {
    sap_ = sap;
    apdu::Aarq aarq;
    aarq.password = std::move(password);
    aarq.initiate.client_max_receive_pdu_size = pdu;
    auto aare = apdu::decode_aare(*session_.serve(sap, apdu::encode_aarq(aarq)));
    return std::get<apdu::Aare>(aare).result == apdu::AssociationResult::accepted;
  }

  Result get(const cosem::Obis& obis, std::int8_t attribute,
             std::optional<apdu::AccessSelection> access = std::nullopt, std::uint16_t cls = 7) {
    apdu::GetRequestNormal g{{}, {cls, obis.bytes(), attribute}, std::move(access)};
    auto response = request(g);
    if (auto* n = std::get_if<apdu::GetResponseNormal>(&response)) {
      if (auto* r = std::get_if<DataAccessResult>(&n->result)) return *r;
      return axdr::decode(std::get<apdu::Bytes>(n->result));
    }
    apdu::DatablockReassembler reassembler(64u << 20);
    blocks = 0;
    for (;;) {
      auto* block = std::get_if<apdu::GetResponseWithDatablock>(&response);
      if (!block) break;
      ++blocks;
      auto progress = reassembler.add(*block);
      if (std::holds_alternative<apdu::ReassemblyProblem>(progress)) break;
      if (reassembler.complete()) return axdr::decode(reassembler.data());
      response = request(reassembler.next_request({}));
    }
    ADD_FAILURE() << "unexpected GET response";
    return DataAccessResult::other_reason;
  }

  LpBuffer buffer(int index) {
    LpBuffer out(0, 0);
    fleet_.find("1")->read_load_profile(
        now_, [&](const SimMeter::LoadProfileView& v) { out = v.recorder.profile(index).buffer; });
    return out;
  }
  SimMeter& meter() { return *fleet_.find("1"); }
  dlms_server::DlmsMeterServer& server() { return server_; }
  dlms_server::DlmsSession& session() { return session_; }
  // One request straight to the session: its answer, or nullopt (nothing sent).
  std::optional<apdu::Bytes> serve(const apdu::XdlmsRequest& r) {
    return session_.serve(sap_, apdu::encode_request(r));
  }
  RealClock::time_point now() const { return now_; }
  int blocks = 0;

 private:
  apdu::XdlmsResponse request(const apdu::XdlmsRequest& r) {
    auto answer = session_.serve(sap_, apdu::encode_request(r));
    return std::get<apdu::XdlmsResponse>(apdu::decode_response(*answer));
  }
  FleetSpec spec_;
  Fleet fleet_;
  dlms_server::DlmsMeterServer server_;
  RealClock::time_point now_;
  dlms_server::DlmsSession session_;
  std::uint16_t sap_ = 2;
};

UtcTime at(const char* iso) {
  return *parse_iso8601(iso);
}

axdr::Data date_time(const char* iso) {
  return axdr::to_octet_string_data(axdr::from_utc(at(iso), 0));
}

apdu::AccessSelection range(const char* from, const char* to,
                            std::vector<apdu::CaptureObjectDefinition> columns = {}) {
  apdu::RangeDescriptor r;
  r.from_value = axdr::encode(date_time(from));
  r.to_value = axdr::encode(date_time(to));
  r.selected_values = std::move(columns);
  return apdu::make_range_access(r);
}

// Checks decoded buffer entries against the recorder's entries [first, first + n).
void expect_entries(const axdr::Data& buffer, const LpBuffer& truth, std::size_t first,
                    std::size_t n) {
  const auto& rows = buffer.as_array();
  ASSERT_EQ(rows.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& row = rows[i].as_structure();
    ASSERT_EQ(row.size(), truth.channels() + 2);
    const auto when = axdr::to_utc(axdr::date_time_of(row[0]));
    ASSERT_TRUE(when);
    EXPECT_EQ(to_unix_micros(*when), truth.end(first + i) * 1'000'000);
    EXPECT_EQ(row[1].as_double_long_unsigned(), truth.status(first + i));
    for (std::size_t c = 0; c < truth.channels(); ++c)
      EXPECT_EQ(row[2 + c].as_float32(), truth.values(first + i)[c]);
  }
}

TEST(SimDlmsProfileGeneric, AttributesDescribeTheProfile) {
  Rig rig("", std::chrono::hours(5));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  auto columns = cosem::decode_capture_objects(std::get<axdr::Data>(rig.get(kLp1, 3)));
  ASSERT_EQ(columns.size(), 18u);
  EXPECT_EQ(columns[0].role, cosem::ColumnRole::timestamp);
  EXPECT_EQ(columns[1].role, cosem::ColumnRole::interval_status);
  EXPECT_EQ(columns[1].object.logical_name, dlms_server::kLpStatusObis);
  EXPECT_EQ(columns[2].role, cosem::ColumnRole::channel);
  EXPECT_EQ(columns[2].object.logical_name, (cosem::Obis{1, 0, 1, 29, 0, 255}));
  ASSERT_NE(columns[2].known, nullptr);
  EXPECT_EQ(columns[2].known->kind, cosem::Kind::interval_consumption);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 4)).as_double_long_unsigned(), 900u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp2, 4)).as_double_long_unsigned(), 300u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 5)).as_enum(), 1);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 6)).as_structure().size(), 4u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 7)).as_double_long_unsigned(), 20u);  // 5 h
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp2, 7)).as_double_long_unsigned(), 60u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 8)).as_double_long_unsigned(), 48384u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get(kLp1, 1)).as_octet_string(),
            apdu::Bytes(kLp1.bytes().begin(), kLp1.bytes().end()));
  // The Recording Interval objects: the manual's code, 8 = 15 minutes, 4 = 5 minutes.
  EXPECT_EQ(std::get<axdr::Data>(rig.get({1, 0, 0, 8, 4, 255}, 2, std::nullopt, 1))
                .as_double_long_unsigned(),
            8u);
  EXPECT_EQ(std::get<axdr::Data>(rig.get({1, 0, 0, 8, 5, 255}, 2, std::nullopt, 1))
                .as_double_long_unsigned(),
            4u);
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 9)), DataAccessResult::object_undefined);
}

TEST(SimDlmsProfileGeneric, WholeBufferEqualsTheRecorder) {
  Rig rig("", std::chrono::hours(5));
  ASSERT_TRUE(rig.associate(1, "ClientId1"));
  const auto truth = rig.buffer(1);
  expect_entries(std::get<axdr::Data>(rig.get(kLp2, 2)), truth, 0, truth.size());
  EXPECT_GT(rig.blocks, 1);  // 60 entries of 9 channels do not fit 512 bytes
}

TEST(SimDlmsProfileGeneric, RangeSelectsEndsInclusiveAndColumns) {
  Rig rig("", std::chrono::hours(5));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  const auto truth = rig.buffer(0);
  auto data = rig.get(kLp1, 2, range("2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"));
  expect_entries(std::get<axdr::Data>(data), truth, 3, 5);  // 01:00 .. 02:00
  // Columns picked by their capture object definitions, in the order asked.
  const apdu::CaptureObjectDefinition freq{3, {1, 0, 34, 27, 0, 255}, 2, 0};
  data = rig.get(
      kLp1, 2,
      range("2026-01-01T01:00:01Z", "2026-01-01T01:30:00Z", {freq, apdu::kClockTimeCaptureObject}));
  const auto& rows = std::get<axdr::Data>(data).as_array();
  ASSERT_EQ(rows.size(), 2u);  // 01:15 and 01:30
  EXPECT_EQ(rows[0].as_structure().size(), 2u);
  EXPECT_EQ(rows[0].as_structure()[0].as_float32(), truth.values(4)[15]);
  EXPECT_EQ(to_unix_micros(*axdr::to_utc(axdr::date_time_of(rows[1].as_structure()[1]))),
            truth.end(5) * 1'000'000);
  // An empty range, a wrong restricting object, an unknown column.
  EXPECT_TRUE(
      std::get<axdr::Data>(rig.get(kLp1, 2, range("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z")))
          .as_array()
          .empty());
  apdu::RangeDescriptor bad;
  bad.restricting_object = {3, {1, 0, 1, 29, 0, 255}, 2, 0};
  bad.from_value = axdr::encode(date_time("2026-01-01T00:00:00Z"));
  bad.to_value = bad.from_value;
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 2, apdu::make_range_access(bad))),
            DataAccessResult::other_reason);
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 2,
                                               range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z",
                                                     {{3, {1, 0, 2, 27, 0, 255}, 2, 0}}))),
            DataAccessResult::other_reason);
}

TEST(SimDlmsProfileGeneric, EntrySelectsOneBasedEntriesAndColumns) {
  Rig rig("", std::chrono::hours(5));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  const auto truth = rig.buffer(0);
  auto data = rig.get(kLp1, 2, apdu::make_entry_access({3, 6, 1, 0}));
  expect_entries(std::get<axdr::Data>(data), truth, 2, 4);
  data = rig.get(kLp1, 2, apdu::make_entry_access({18, 0, 2, 3}));  // to the newest; 2 columns
  const auto& rows = std::get<axdr::Data>(data).as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].as_structure()[0].as_double_long_unsigned(), truth.status(19));
  EXPECT_EQ(rows[2].as_structure()[1].as_float32(), truth.values(19)[0]);
  EXPECT_TRUE(std::get<axdr::Data>(rig.get(kLp1, 2, apdu::make_entry_access({30, 0, 1, 0})))
                  .as_array()
                  .empty());
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 2, apdu::make_entry_access({0, 0, 1, 0}))),
            DataAccessResult::other_reason);
  // Selective access is for the buffer only.
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 7, apdu::make_entry_access({1, 0, 1, 0}))),
            DataAccessResult::other_reason);
}

TEST(SimDlmsProfileGeneric, AccessRightsAndUninstalledProfile) {
  Rig rig("      load_profile: { profile2: { channels: [] } }\n", std::chrono::hours(1));
  ASSERT_TRUE(rig.associate(16, std::nullopt));
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp1, 2)), DataAccessResult::read_write_denied);
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp2, 2)), DataAccessResult::object_undefined);
  ASSERT_TRUE(rig.associate(1, "ClientId1"));
  EXPECT_EQ(std::get<DataAccessResult>(rig.get(kLp2, 3)), DataAccessResult::object_undefined);
  EXPECT_EQ(std::get<DataAccessResult>(rig.get({1, 0, 0, 8, 5, 255}, 2, std::nullopt, 1)),
            DataAccessResult::object_undefined);
  EXPECT_EQ(dlms_server::set_attribute(
                rig.meter(), dlms_server::DlmsClient::manager, {7, kLp1.bytes(), 4},
                axdr::encode(axdr::Data::make_double_long_unsigned(60)), rig.now()),
            DataAccessResult::read_write_denied);
}

TEST(SimDlmsProfileGeneric, ClockSetOverDlmsFlagsTheIntervalInProgress) {
  Rig rig("", std::chrono::minutes(67));
  ASSERT_TRUE(rig.associate(1, "ClientId1"));
  EXPECT_EQ(dlms_server::set_attribute(rig.meter(), dlms_server::DlmsClient::manager,
                                       {8, dlms_server::kClockObis.bytes(), 2},
                                       axdr::encode(date_time("2026-01-01T03:20:00Z")), rig.now()),
            DataAccessResult::success);
  // The interval in progress (from 01:00) ends at meter 03:30, 10 simulated minutes on.
  const auto truth = rig.buffer(0);
  EXPECT_EQ(truth.size(), 4u);
  LpBuffer after(0, 0);
  rig.meter().read_load_profile(
      rig.now() + std::chrono::minutes(20),
      [&](const SimMeter::LoadProfileView& v) { after = v.recorder.profile(0).buffer; });
  ASSERT_EQ(after.size(), 5u);
  EXPECT_EQ(after.end(3), to_unix_micros(at("2026-01-01T01:00:00Z")) / 1'000'000);
  EXPECT_EQ(after.status(4), 0x0008u);
  EXPECT_EQ(after.end(4), to_unix_micros(at("2026-01-01T03:30:00Z")) / 1'000'000);
}

TEST(SimDlmsProfileGeneric, YearOfSixteenChannelsComesInDatablocks) {
  Rig rig("      load_profile: { profile2: { channels: [] } }\n", std::chrono::hours(24 * 365));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  const auto t0 = std::chrono::steady_clock::now();
  const auto data = rig.get(kLp1, 2);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto truth = rig.buffer(0);
  ASSERT_EQ(truth.size(), 35040u);
  expect_entries(std::get<axdr::Data>(data), truth, 0, truth.size());
  EXPECT_GT(rig.blocks, 6000);  // ~3.5 MB in 500-byte blocks
  std::printf("[ perf ] year buffer over DLMS: %d blocks in %.2f s (recording included)\n",
              rig.blocks, s);
  EXPECT_LT(s, 30.0);
}

// The next block of a transfer in progress, or nullopt when the session cut it.
std::optional<apdu::GetResponseWithDatablock> next_block(Rig& rig, std::uint32_t acknowledged) {
  auto answer = rig.serve(apdu::GetRequestNext{{}, acknowledged});
  if (!answer) return std::nullopt;
  auto response = std::get<apdu::XdlmsResponse>(apdu::decode_response(*answer));
  return std::get<apdu::GetResponseWithDatablock>(response);
}

// Starts a GET of profile 1's whole buffer; its first datablock.
apdu::GetResponseWithDatablock first_block(Rig& rig) {
  auto answer = rig.serve(apdu::GetRequestNormal{{}, {7, kLp1.bytes(), 2}, std::nullopt});
  EXPECT_TRUE(answer);
  auto response = std::get<apdu::XdlmsResponse>(apdu::decode_response(*answer));
  return std::get<apdu::GetResponseWithDatablock>(response);
}

TEST(SimDlmsFault, TheTransferIsCutAfterBlockNAndTheFaultClearsAfterItsTimes) {
  Rig rig("      load_profile: { profile2: { channels: [] } }\n", std::chrono::hours(24));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  auto& server = rig.server();
  server.set_fault({3, 2});
  for (std::uint32_t cut = 1; cut <= 2; ++cut) {
    EXPECT_EQ(first_block(rig).block_number, 1u);
    for (std::uint32_t b = 1; b < 3; ++b) {
      auto block = next_block(rig, b);
      ASSERT_TRUE(block);
      EXPECT_EQ(block->block_number, b + 1);
      EXPECT_FALSE(rig.session().drop_requested());
    }
    // Block 3 was the last to go: the request for block 4 is not answered, the
    // transport is told to drop the line.
    EXPECT_FALSE(next_block(rig, 3));
    EXPECT_TRUE(rig.session().drop_requested());
    EXPECT_EQ(server.counters().transfers_dropped.load(), cut);
    EXPECT_EQ(server.fault().times, 2 - cut);
  }
  EXPECT_FALSE(server.fault().active());
  EXPECT_EQ(server.counters().datablocks_sent.load(), 6u);
  // Cleared: the whole day (96 entries, ~20 blocks of 500 bytes) comes.
  const auto data = rig.get(kLp1, 2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(data));
  expect_entries(std::get<axdr::Data>(data), rig.buffer(0), 0, 96);
  EXPECT_GT(rig.blocks, 3);
  EXPECT_FALSE(rig.session().drop_requested());
  EXPECT_EQ(server.counters().transfers_dropped.load(), 2u);
}

TEST(SimDlmsFault, ATransferOfNBlocksOrFewerCompletesAndLeavesTheFaultArmed) {
  Rig rig("      load_profile: { profile2: { channels: [] } }\n", std::chrono::hours(24));
  ASSERT_TRUE(rig.associate(2, "ClientId2"));
  rig.get(kLp1, 2);
  const auto blocks = static_cast<std::uint32_t>(rig.blocks);
  ASSERT_GT(blocks, 3u);
  rig.server().set_fault({blocks, 1});  // the transfer ends with block N: nothing to cut
  const auto data = rig.get(kLp1, 2);
  ASSERT_TRUE(std::holds_alternative<axdr::Data>(data));
  EXPECT_EQ(std::get<axdr::Data>(data).as_array().size(), 96u);
  EXPECT_EQ(rig.server().counters().transfers_dropped.load(), 0u);
  EXPECT_EQ(rig.server().fault().times, 1u);
  // One block shorter cuts it.
  rig.server().set_fault({blocks - 1, 1});
  first_block(rig);
  for (std::uint32_t b = 1; b < blocks - 1; ++b) ASSERT_TRUE(next_block(rig, b));
  EXPECT_FALSE(next_block(rig, blocks - 1));
  EXPECT_EQ(rig.server().counters().transfers_dropped.load(), 1u);
  EXPECT_FALSE(rig.server().fault().active());
}

}  // namespace
}  // namespace jemhead::sim
