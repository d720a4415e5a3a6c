// Meter resolution for pushed alarms, rule by rule (api/alarm_meter_resolver.hpp), with
// events shaped like the manual's samples (part4 §4.4): the documented DeviceId, the
// sample's flat identification labels ("MV 90 Meter ID": "JEMStarII ID"), and the peer.
#include "api/alarm_meter_resolver.hpp"

#include <gtest/gtest.h>

#include "storage/repository.hpp"

namespace jemhead::testing {
namespace {

using api::MeterResolverOptions;
using api::resolve_meter;
using api::ResolverMeter;

ResolverMeter meter(std::int64_t id, std::string serial,
                    std::vector<std::pair<std::string, std::string>> labels = {},
                    std::vector<std::string> hosts = {}) {
  ResolverMeter m;
  m.id = id;
  m.serial = std::move(serial);
  for (std::size_t i = 0; i < labels.size() && i < kIdentificationFields; ++i)
    m.identification[i] = {labels[i].first, labels[i].second};
  m.hosts = std::move(hosts);
  return m;
}

AlarmEvent event(std::string device_id = {},
                 std::vector<std::pair<std::string, std::string>> labels = {}) {
  AlarmEvent e;
  e.event_type_text = "SS";
  e.event_type = AlarmEventType::SS;
  e.device_id = std::move(device_id);
  e.identification = std::move(labels);
  return e;
}

const std::vector<ResolverMeter> kFleet{
    meter(1, "140800001", {{"MV90 Meter ID", "FEEDER-1"}, {"Administrator", "Ametek Power"}},
          {"10.1.2.1"}),
    meter(2, "140800002", {{"MV90 Meter ID", "FEEDER-2"}, {"Administrator", "Ametek Power"}},
          {"10.1.2.2", "fd00::2"}),
    meter(3, "JEMStarII ID", {{"Location", "Rochester, New York"}}, {"10.1.2.3"}),
};

TEST(AlarmMeterResolver, PinnedSenderSerialWinsOverWhatTheMessageSays) {
  const auto r = resolve_meter(kFleet, {}, "140800002", {event("140800001")}, "10.1.2.1");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 2);
  EXPECT_EQ(r.rule, "sender");
}

TEST(AlarmMeterResolver, PinnedSerialMissingFromTheFleetIsQuarantinedNotGuessed) {
  const auto r = resolve_meter(kFleet, {}, "999", {event("140800001")}, "10.1.2.1");
  EXPECT_FALSE(r.meter_id);
  EXPECT_EQ(r.sender_key, "serial=999");
  EXPECT_NE(r.reason.find("pinned to meter serial '999'"), std::string::npos) << r.reason;
}

TEST(AlarmMeterResolver, DeviceIdEqualToASerial) {
  const auto r = resolve_meter(kFleet, {}, "", {event(" 140800002 ")}, "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 2);
  EXPECT_EQ(r.rule, "DeviceId");
}

TEST(AlarmMeterResolver, SampleTwoMv90LabelIsAnIdentityKeyMatchingASerial) {
  // The manual's sample 2: no DeviceId, "MV 90 Meter ID": "JEMStarII ID" (with a space).
  const auto r = resolve_meter(
      kFleet, {}, "",
      {event("", {{"Administrator", "Ametek Power"}, {"MV 90 Meter ID", "JEMStarII ID"}})},
      "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 3);
  EXPECT_EQ(r.rule, "identity key MV 90 Meter ID");
}

TEST(AlarmMeterResolver, ConfiguredIdentityKeysReplaceTheDefaults) {
  const auto e = event("", {{"Account Number", "140800001"}});
  EXPECT_FALSE(resolve_meter(kFleet, {}, "", {e}, "192.0.2.9").meter_id);
  MeterResolverOptions options;
  options.identity_keys = {"account number"};  // case and spaces ignored
  const auto r = resolve_meter(kFleet, options, "", {e}, "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 1);
}

TEST(AlarmMeterResolver, IdentificationLabelMatchingOneMeterIgnoringCaseAndSpaces) {
  // "MV 90 Meter ID" in the message, "MV90 Meter ID" as the meter's title; the value is
  // not a serial, so only the label rule can find it.
  MeterResolverOptions no_keys;
  no_keys.identity_keys = {};
  const auto r = resolve_meter(
      kFleet, no_keys, "",
      {event("", {{"Administrator", "Ametek Power"}, {"mv 90 METER id", "FEEDER-2"}})},
      "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 2);
  EXPECT_EQ(r.rule, "identification label mv 90 METER id");
}

TEST(AlarmMeterResolver, LabelSharedByMeetersIsAmbiguousAndNamesTheCount) {
  const auto r =
      resolve_meter(kFleet, {}, "", {event("", {{"Administrator", "Ametek Power"}})}, "192.0.2.9");
  EXPECT_FALSE(r.meter_id);
  EXPECT_NE(r.reason.find("match 2 meters"), std::string::npos) << r.reason;
  EXPECT_EQ(r.sender_key, "address=192.0.2.9");
}

TEST(AlarmMeterResolver, LabelsPointingAtDifferentMetersAreAmbiguous) {
  const auto r = resolve_meter(
      kFleet, {}, "",
      {event("", {{"MV90 Meter ID", "FEEDER-1"}, {"Location", "Rochester, New York"}})},
      "10.1.2.2");
  EXPECT_FALSE(r.meter_id);
  EXPECT_NE(r.reason.find("2 different meters"), std::string::npos) << r.reason;
  EXPECT_EQ(r.sender_key, "MV90 Meter ID=FEEDER-1");
}

TEST(AlarmMeterResolver, PeerAddressEqualToAConnectionProfileHost) {
  auto r = resolve_meter(kFleet, {}, "", {event("unknown-id")}, "10.1.2.2");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 2);
  EXPECT_EQ(r.rule, "address");
  // IPv6 in any spelling, and a v4 peer seen on a dual-stack socket.
  r = resolve_meter(kFleet, {}, "", {}, "FD00::2");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 2);
  r = resolve_meter(kFleet, {}, "", {}, "::ffff:10.1.2.1");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 1);
}

TEST(AlarmMeterResolver, AddressSharedByTwoMetersIsQuarantined) {
  auto fleet = kFleet;
  fleet.push_back(meter(4, "4", {}, {"10.1.2.3"}));
  const auto r = resolve_meter(fleet, {}, "", {}, "10.1.2.3");
  EXPECT_FALSE(r.meter_id);
  EXPECT_NE(r.reason.find("host of 2 meters"), std::string::npos) << r.reason;
}

TEST(AlarmMeterResolver, UnknownSendersGetTheMostSpecificSenderKey) {
  auto r = resolve_meter(kFleet, {}, "", {event("12345678")}, "192.0.2.9");
  EXPECT_FALSE(r.meter_id);
  EXPECT_EQ(r.sender_key, "DeviceId=12345678");
  EXPECT_EQ(r.reason, "no meter matches DeviceId=12345678");

  r = resolve_meter(kFleet, {}, "", {event("", {{"MV 90 Meter ID", "Other ID"}})}, "192.0.2.9");
  EXPECT_EQ(r.sender_key, "MV 90 Meter ID=Other ID");

  r = resolve_meter(kFleet, {}, "", {event()}, "192.0.2.9");
  EXPECT_EQ(r.sender_key, "address=192.0.2.9");
}

TEST(AlarmMeterResolver, LaterEventOfABatchCanIdentifyTheMeter) {
  const auto r = resolve_meter(kFleet, {}, "", {event(), event("140800001")}, "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, 1);
}

TEST(AlarmMeterResolver, SameLabelIgnoresCaseAndSpaces) {
  EXPECT_TRUE(api::same_label("MV 90 Meter ID", "mv90meterid"));
  EXPECT_FALSE(api::same_label("Meter ID", "MV90 Meter ID"));
}

// The repository-backed resolver reloads on a miss (a meter created after the last load),
// but not more often than asked.
TEST(AlarmMeterResolver, ReloadsFromTheRepositoryOnAMiss) {
  auto repo = storage::open_sqlite({":memory:"});
  Meter m;
  m.serial = "111";
  m.name = "first";
  repo->insert_meter(m);
  api::AlarmMeterResolver resolver(*repo, {}, std::chrono::hours(1), std::chrono::milliseconds(0));
  auto r = resolver.resolve("", {event("111")}, "192.0.2.9");
  ASSERT_TRUE(r.meter_id);

  m.serial = "222";
  m.name = "second";
  const auto second = repo->insert_meter(m);
  r = resolver.resolve("", {event("222")}, "192.0.2.9");
  ASSERT_TRUE(r.meter_id);
  EXPECT_EQ(*r.meter_id, second);

  api::AlarmMeterResolver slow(*repo, {}, std::chrono::hours(1), std::chrono::hours(1));
  EXPECT_TRUE(slow.resolve("", {event("111")}, "").meter_id);
  m.serial = "333";
  m.name = "third";
  repo->insert_meter(m);
  EXPECT_FALSE(slow.resolve("", {event("333")}, "").meter_id);  // loaded a moment ago
}

}  // namespace
}  // namespace jemhead::testing
