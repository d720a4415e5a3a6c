// Read-back: what the drivers report maps onto the right document paths, compares with a
// stored version item by item, and merges into a document.
#include "core/config/config_readback.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

// What jemsim's DLMS server reports for a meter with CT 600:5 and PT 14400:120.
std::vector<std::pair<std::string, std::string>> identity_fields() {
  return {
      {"Register firmware version", "6.6.0"},
      {"Register firmware signature", "0a1b"},
      {"Metrology firmware version", "5.6.0"},
      {"AMETEK Meter Serial Number", "50000001"},
      {"Meter ID #", "FEEDER-7"},
      {"Meter Administrator", "Ametek Power"},
      {"Meter Location", "Rochester, New York"},
      {"Meter Configuration ID", "Factory Default"},
      {"Meter Account Number", "1-888-222-6282"},
      {"Ch.0 Transformer ratio - Current Primary", "600"},
      {"Ch.0 Transformer ratio - Voltage Primary", "14400"},
      {"Ch.0 Transformer ratio - Current Secondary", "5"},
      {"Ch.0 Transformer ratio - Voltage Secondary", "120"},
  };
}

LoadProfileChannel channel(std::string quantity, std::string phase) {
  LoadProfileChannel c;
  c.quantity = std::move(quantity);
  c.phase = std::move(phase);
  return c;
}

// 15-minute profile 1 with Wh delivered total, VARh received A and volts average B.
LoadProfileLayout layout_1() {
  LoadProfileLayout l;
  l.profile = 1;
  l.capture_period_s = 900;
  l.channels = {channel("watt_hours_delivered", "total"), channel("var_hours_received", "A"),
                channel("volts", "B")};
  return l;
}

// The stored document that matches identity_fields() and layout_1() exactly.
MeterConfiguration matching() {
  MeterConfiguration c;
  c.hardware.firmware_version = "6.6.0";
  c.identification.fields[0].value = "FEEDER-7";
  c.primary.ct_primary = 600;
  c.primary.ct_secondary = 5;
  c.primary.vt_primary = 14400;
  c.primary.vt_secondary = 120;
  auto& p = c.load_profile.profiles[0];
  p.interval_minutes = 15;
  p.channels.resize(3);
  p.channels[1].quantity = LpQuantity::var_hours;
  p.channels[1].phase = LpPhase::a;
  p.channels[1].direction = LpDirection::received;
  p.channels[2].type = LpChannelType::instantaneous;
  p.channels[2].quantity = LpQuantity::volts;
  p.channels[2].phase = LpPhase::b;
  p.channels[2].direction = LpDirection::none;
  return c;
}

ObservedConfiguration observed() {
  ObservedConfiguration o;
  observe_identity(identity_fields(), o);
  observe_load_profile(layout_1(), o);
  return o;
}

TEST(ConfigReadback, IdentityFieldsMapToTheirDocumentPaths) {
  ObservedConfiguration o;
  observe_identity(identity_fields(), o);
  ASSERT_TRUE(o.serial.has_value());
  EXPECT_EQ(*o.serial, "50000001");
  std::vector<std::string> paths;
  for (const auto& i : o.items) paths.push_back(i.path);
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "hardware.firmware_version", "identification.fields[0].value",
                       "identification.fields[1].value", "identification.fields[2].value",
                       "identification.fields[3].value", "identification.fields[4].value",
                       "primary.ct_primary", "primary.vt_primary", "primary.ct_secondary",
                       "primary.vt_secondary"}));
  EXPECT_EQ(o.items[0].value, json::value("6.6.0"));
  EXPECT_EQ(o.items[0].source, "identity: Register firmware version");
  EXPECT_EQ(o.items[7].value.to_number<double>(), 14400.0);
}

TEST(ConfigReadback, ARatioThatIsNotANumberIsNotCompared) {
  ObservedConfiguration o;
  observe_identity({{"Ch.0 Transformer ratio - Current Primary", "n/a"}}, o);
  EXPECT_TRUE(o.items.empty());
  ASSERT_EQ(o.not_comparable.size(), 1u);
  EXPECT_NE(o.not_comparable[0].find("not a number"), std::string::npos);
}

TEST(ConfigReadback, LoadProfileLayoutMapsIntervalAndChannels) {
  ObservedConfiguration o;
  observe_load_profile(layout_1(), o);
  const json::value doc = [&] {
    json::object m;
    for (const auto& i : o.items) m[i.path] = i.value;
    return json::value(m);
  }();
  const auto& m = doc.as_object();
  EXPECT_EQ(m.at("load_profile.profiles[0].interval_kind"), json::value("minutes"));
  EXPECT_EQ(m.at("load_profile.profiles[0].interval_minutes").to_number<int>(), 15);
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[0].type"), json::value("consumption"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[0].quantity"), json::value("watt_hours"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[0].phase"), json::value("polyphase"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[0].direction"), json::value("delivered"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[1].phase"), json::value("A"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[1].direction"), json::value("received"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[2].type"), json::value("instantaneous"));
  EXPECT_EQ(m.at("load_profile.profiles[0].channels[2].direction"), json::value("none"));
  EXPECT_TRUE(o.not_comparable.empty());
  ASSERT_EQ(o.lp_channel_counts.size(), 1u);
  EXPECT_EQ(o.lp_channel_counts[0], (std::pair<int, std::size_t>{1, 3}));
}

TEST(ConfigReadback, ChannelsTheDocumentCannotExpressAreNotedNotInvented) {
  LoadProfileLayout l;
  l.profile = 2;
  l.capture_period_s = 300;
  l.channels = {channel("watts_bidirectional", "total"), channel("q_hours_delivered", "total")};
  ObservedConfiguration o;
  observe_load_profile(l, o);
  std::vector<std::string> paths;
  for (const auto& i : o.items) paths.push_back(i.path);
  // Bidirectional watts: quantity and phase known, direction not; Q hours: phase only.
  EXPECT_EQ(paths, (std::vector<std::string>{"load_profile.profiles[1].interval_kind",
                                             "load_profile.profiles[1].interval_minutes",
                                             "load_profile.profiles[1].channels[0].type",
                                             "load_profile.profiles[1].channels[0].quantity",
                                             "load_profile.profiles[1].channels[0].phase",
                                             "load_profile.profiles[1].channels[1].phase",
                                             "load_profile.profiles[1].channels[1].direction"}));
  EXPECT_EQ(o.not_comparable.size(), 2u);
}

TEST(ConfigReadback, ACapturePeriodWithoutAnIntervalLengthIsNoted) {
  LoadProfileLayout l;
  l.capture_period_s = 90;
  ObservedConfiguration o;
  observe_load_profile(l, o);
  EXPECT_TRUE(o.items.empty());
  ASSERT_EQ(o.not_comparable.size(), 1u);
  EXPECT_NE(o.not_comparable[0].find("90 s"), std::string::npos);
}

TEST(ConfigReadback, MatchingDocumentIsVerifiedInEverySectionRead) {
  const auto r = compare_readback(matching(), observed(), std::string("50000001"));
  EXPECT_FALSE(r.drift());
  EXPECT_TRUE(r.differences.empty());
  std::vector<std::string> sections;
  for (const auto& s : r.sections) {
    sections.push_back(s.section);
    EXPECT_TRUE(s.verified) << s.section;
  }
  EXPECT_EQ(sections, (std::vector<std::string>{"hardware", "identification", "primary",
                                                "load_profile", "serial"}));
  // 1 firmware + 5 ids + 4 ratios + 2 interval + 3 channels x 4 + serial.
  EXPECT_EQ(r.compared.size(), 25u);
}

TEST(ConfigReadback, EachDifferingItemIsReportedWithBothValues) {
  auto stored = matching();
  stored.primary.ct_primary = 800;
  stored.load_profile.profiles[0].interval_minutes = 5;
  stored.load_profile.profiles[0].channels[1].phase = LpPhase::b;
  const auto r = compare_readback(stored, observed(), std::string("50000002"));
  ASSERT_TRUE(r.drift());
  ASSERT_EQ(r.differences.size(), 4u);
  EXPECT_EQ(r.differences[0].path, "primary.ct_primary");
  EXPECT_EQ(r.differences[0].stored.to_number<double>(), 800.0);
  EXPECT_EQ(r.differences[0].observed.to_number<double>(), 600.0);
  EXPECT_EQ(r.differences[1].path, "load_profile.profiles[0].interval_minutes");
  EXPECT_EQ(r.differences[2].path, "load_profile.profiles[0].channels[1].phase");
  EXPECT_EQ(r.differences[2].stored, json::value("B"));
  EXPECT_EQ(r.differences[2].observed, json::value("A"));
  EXPECT_EQ(r.differences[3].path, "serial");
  for (const auto& s : r.sections) {
    const bool bad = s.section == "primary" || s.section == "load_profile" || s.section == "serial";
    EXPECT_EQ(s.verified, !bad) << s.section;
  }
}

TEST(ConfigReadback, NumbersCompareByValueNotByJsonType) {
  auto stored = matching();
  stored.primary.ct_primary = 600.0000000001;  // within the tolerance
  EXPECT_FALSE(compare_readback(stored, observed()).drift());
  stored.primary.ct_primary = 600.01;
  EXPECT_TRUE(compare_readback(stored, observed()).drift());
}

TEST(ConfigReadback, ChannelsMissingOnEitherSideAreOneDifferenceEach) {
  auto more = matching();
  more.load_profile.profiles[0].channels.resize(5);
  auto r = compare_readback(more, observed());
  ASSERT_EQ(r.differences.size(), 2u);
  EXPECT_EQ(r.differences[0].path, "load_profile.profiles[0].channels[3]");
  EXPECT_TRUE(r.differences[0].stored.is_object());
  EXPECT_TRUE(r.differences[0].observed.is_null());
  EXPECT_EQ(r.differences[1].path, "load_profile.profiles[0].channels[4]");

  auto fewer = matching();
  fewer.load_profile.profiles[0].channels.resize(1);
  r = compare_readback(fewer, observed());
  ASSERT_EQ(r.differences.size(), 2u);
  EXPECT_EQ(r.differences[0].path, "load_profile.profiles[0].channels[1]");
  EXPECT_TRUE(r.differences[0].stored.is_null());
  EXPECT_EQ(r.differences[0].observed.as_object().at("quantity"), json::value("var_hours"));
}

TEST(ConfigReadback, AProfileTheDocumentLacksIsADifference) {
  LoadProfileLayout l;
  l.profile = 2;
  l.capture_period_s = 300;
  ObservedConfiguration o;
  observe_load_profile(l, o);
  const auto r = compare_readback(MeterConfiguration{}, o);
  ASSERT_EQ(r.differences.size(), 2u);
  EXPECT_EQ(r.differences[0].path, "load_profile.profiles[1].interval_kind");
  EXPECT_TRUE(r.differences[0].stored.is_null());
}

TEST(ConfigReadback, SerialIsComparedOnlyWhenBothAreKnown) {
  const auto r = compare_readback(matching(), observed());
  for (const auto& p : r.compared) EXPECT_NE(p, "serial");
}

TEST(ConfigReadback, MergeWritesObservedValuesAndResizesChannels) {
  MeterConfiguration base;  // factory defaults: no channels, CT 1:1
  const auto merged = merge_observed(base, observed());
  EXPECT_EQ(merged.hardware.firmware_version, "6.6.0");
  EXPECT_EQ(merged.identification.fields[0].value, "FEEDER-7");
  EXPECT_EQ(merged.primary.ct_primary, 600.0);
  EXPECT_EQ(merged.primary.vt_secondary, 120.0);
  ASSERT_EQ(merged.load_profile.profiles[0].channels.size(), 3u);
  EXPECT_EQ(merged.load_profile.profiles[0].channels[2].quantity, LpQuantity::volts);
  EXPECT_EQ(merged.load_profile.profiles[0].channels[2].type, LpChannelType::instantaneous);
  // The merge of what was read compares equal to what was read.
  EXPECT_FALSE(compare_readback(merged, observed()).drift());
  // Unread parts keep the base's values.
  EXPECT_EQ(merged.timekeeping, base.timekeeping);
}

TEST(ConfigReadback, MergeDropsChannelsTheMeterDoesNotHave) {
  auto base = matching();
  base.load_profile.profiles[0].channels.resize(6);
  const auto merged = merge_observed(base, observed());
  EXPECT_EQ(merged.load_profile.profiles[0].channels.size(), 3u);
}

TEST(ConfigReadback, MergeAddsTheSecondProfileWhenRead) {
  LoadProfileLayout l;
  l.profile = 2;
  l.capture_period_s = 300;
  l.channels = {channel("watt_hours_received", "total")};
  ObservedConfiguration o;
  observe_load_profile(l, o);
  const auto merged = merge_observed(MeterConfiguration{}, o);
  ASSERT_EQ(merged.load_profile.profiles.size(), 2u);
  EXPECT_EQ(merged.load_profile.profiles[1].interval_minutes, 5);
  EXPECT_EQ(merged.load_profile.profiles[1].channels.at(0).direction, LpDirection::received);
}

TEST(ConfigReadback, MergeKeepsBaseForValuesTheDocumentCannotRead) {
  ObservedConfiguration o;
  o.items.push_back({"load_profile.profiles[0].channels", json::value("garbage"), "test"});
  o.items.push_back({"primary.ct_primary", json::value(50.0), "test"});
  std::vector<std::string> skipped;
  const auto merged = merge_observed(MeterConfiguration{}, o, &skipped);
  EXPECT_EQ(skipped, (std::vector<std::string>{"load_profile.profiles[0].channels"}));
  EXPECT_TRUE(merged.load_profile.profiles[0].channels.empty());
  EXPECT_EQ(merged.primary.ct_primary, 50.0);
}

TEST(ConfigReadback, PathHelpersReadAndWriteOnlyExistingPlaces) {
  json::value doc = json::parse(R"({"a":{"b":[1,{"c":2}]}})");
  EXPECT_EQ(value_at(doc, "a.b[1].c")->to_number<int>(), 2);
  EXPECT_FALSE(value_at(doc, "a.b[2]").has_value());
  EXPECT_FALSE(value_at(doc, "a.x").has_value());
  EXPECT_FALSE(value_at(doc, "a.b[").has_value());
  EXPECT_TRUE(set_value_at(doc, "a.b[0]", json::value(7)));
  EXPECT_EQ(value_at(doc, "a.b[0]")->to_number<int>(), 7);
  EXPECT_FALSE(set_value_at(doc, "a.z", json::value(1)));
  EXPECT_FALSE(set_value_at(doc, "a.b[5]", json::value(1)));
  EXPECT_EQ(section_of("load_profile.profiles[0]"), "load_profile");
  EXPECT_EQ(section_of("serial"), "serial");
}

TEST(ConfigReadback, JsonFormsCarryPathsValuesAndSources) {
  const auto o = observed();
  const auto j = to_json(o);
  EXPECT_EQ(j.at("serial"), json::value("50000001"));
  EXPECT_EQ(j.at("items").as_array().size(), o.items.size());
  EXPECT_EQ(j.at("items").as_array()[0].as_object().at("path"),
            json::value("hardware.firmware_version"));
  EXPECT_EQ(j.at("load_profile_channels").at("1").to_number<int>(), 3);
  auto stored = matching();
  stored.primary.ct_primary = 800;
  const auto d = to_json(compare_readback(stored, o).differences);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].as_object().at("path"), json::value("primary.ct_primary"));
  EXPECT_EQ(d[0].as_object().at("stored").to_number<double>(), 800.0);
}

}  // namespace
}  // namespace jemhead::config::test
