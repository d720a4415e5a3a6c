// Decoding record bodies built by hand: storage methods (values, scaled, increment),
// absolute time axes, shared series, unknown elements, and what the decoder refuses.
#include <gtest/gtest.h>

#include "core/pqdif/logical_reader.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "logical_test_support.hpp"

namespace jemhead::pqdif {
namespace {

using namespace test;

// One waveform channel: time (increment) and values (values|scaled).
DataSource one_channel_source() {
  return decode_data_source(data_source_element({channel_definition_element(
      "V",
      {series_definition_element(kValueTypeTime, kUnitsSeconds, kStorageIncrement),
       series_definition_element(kValueTypeVal, kUnitsVolts, kStorageValues | kStorageScaled)})}));
}

Observation decode_one(std::vector<Element> channels, const DecodeLimits& limits = {}) {
  return decode_observation(observation_element(std::move(channels)), one_channel_source(), limits);
}

TEST(PqdifLogicalDecode, IncrementSeriesExpandsFromTheOffset) {
  const std::vector<float> rate{1.0f, 4.0f, 0.5f};
  const auto o = decode_one({channel_instance_element(
      0, {series_instance_element({Element::vector(kTagSeriesValues, Values::of_real4(rate)),
                                   real8_element(kTagSeriesOffset, 10.0)}),
          series_instance_element({values_element({1, 2, 3, 4})})})});
  ASSERT_EQ(o.channels.size(), 1u);
  EXPECT_EQ(o.channels[0].series[0].values, (std::vector<double>{10.0, 10.5, 11.0, 11.5}));
  EXPECT_EQ(o.channels[0].series[0].storage_method, kStorageIncrement);
  EXPECT_EQ(o.channels[0].series[0].physical_type, PhysicalType::real4);
  EXPECT_EQ(o.channels[0].series[1].values, (std::vector<double>{1, 2, 3, 4}));
}

TEST(PqdifLogicalDecode, IncrementSeriesWithSeveralRatesContinues) {
  const auto o = decode_one(
      {channel_instance_element(0, {series_instance_element({values_element({2, 3, 1.0, 2, 10.0})}),
                                    series_instance_element({values_element({})})})});
  EXPECT_EQ(o.channels[0].series[0].values, (std::vector<double>{0, 1, 2, 3, 13}));
}

TEST(PqdifLogicalDecode, ScaledSeriesAppliesScaleThenOffset) {
  const std::vector<std::int16_t> stored{100, -100, 0};
  const auto o = decode_one({channel_instance_element(
      0, {series_instance_element({values_element({1, 1, 1})}),
          series_instance_element({Element::vector(kTagSeriesValues, Values::of_integer2(stored)),
                                   real8_element(kTagSeriesScale, 0.5),
                                   real8_element(kTagSeriesOffset, 3.0),
                                   real8_element(kTagSeriesBaseQuantity, 120.0)})})});
  const auto& s = o.channels[0].series[1];
  EXPECT_EQ(s.values, (std::vector<double>{53.0, -47.0, 3.0}));
  EXPECT_EQ(s.scale, 0.5);
  EXPECT_EQ(s.offset, 3.0);
  EXPECT_EQ(s.base_quantity, 120.0);
  EXPECT_EQ(s.physical_type, PhysicalType::integer2);
  EXPECT_EQ(s.storage_method, kStorageValues | kStorageScaled);
}

TEST(PqdifLogicalDecode, AbsoluteTimestampsBecomeSecondsFromTheStart) {
  const auto source = decode_data_source(data_source_element({channel_definition_element(
      "log", {series_definition_element(kValueTypeTime, kUnitsTimestamp, kStorageValues)})}));
  Values stamps;
  stamps.type = PhysicalType::timestamp;
  for (const Timestamp t : {kStart, Timestamp{kStart.days + 1, 60.5}}) {
    const auto one = Values::of_timestamp(t);
    stamps.bytes.insert(stamps.bytes.end(), one.bytes.begin(), one.bytes.end());
    ++stamps.count;
  }
  const auto o = decode_observation(
      observation_element({channel_instance_element(
          0, {series_instance_element({Element::vector(kTagSeriesValues, stamps)})})}),
      source);
  EXPECT_EQ(o.channels[0].series[0].values, (std::vector<double>{0.0, 86400.0 - 43200.0 + 60.5}));
  EXPECT_EQ(absolute_time(o, o.channels[0].series[0].values[1]),
            start_utc() + std::chrono::hours(12) + std::chrono::milliseconds(60'500));
}

TEST(PqdifLogicalDecode, SharedSeriesBorrowDecodedValuesThroughChains) {
  const std::vector<std::int32_t> ticks{0, 10000, 20000};
  // Channel 0 owns a scaled time axis (ticks of 100 us); 1 shares it; 2 shares 1's share.
  const auto source = decode_data_source(data_source_element({channel_definition_element(
      "V",
      {series_definition_element(kValueTypeTime, kUnitsSeconds, kStorageValues | kStorageScaled),
       series_definition_element(kValueTypeVal, kUnitsVolts, kStorageValues)})}));
  const auto o = decode_observation(
      observation_element(
          {channel_instance_element(
               0, {series_instance_element(
                       {Element::vector(kTagSeriesValues, Values::of_integer4(ticks)),
                        real8_element(kTagSeriesScale, 1e-4)}),
                   series_instance_element({values_element({1, 2, 3})})}),
           channel_instance_element(
               0, {share_element(0, 0), series_instance_element({values_element({4, 5, 6})})}),
           channel_instance_element(0, {share_element(1, 0), share_element(1, 1)})}),
      source);
  ASSERT_EQ(o.channels.size(), 3u);
  const std::vector<double> seconds{0.0, 1.0, 2.0};
  EXPECT_EQ(o.channels[0].series[0].values, seconds);
  EXPECT_EQ(o.channels[1].series[0].values, seconds);
  EXPECT_EQ(o.channels[2].series[0].values, seconds);
  EXPECT_EQ(o.channels[2].series[1].values, (std::vector<double>{4, 5, 6}));
  EXPECT_EQ(o.channels[1].series[0].share_channel_index, 0u);
  EXPECT_EQ(o.channels[2].series[0].share_channel_index, 1u);
  EXPECT_EQ(o.channels[2].series[1].share_series_index, 1u);
  EXPECT_EQ(o.channels[1].series[0].physical_type, PhysicalType::integer4);
  EXPECT_FALSE(o.channels[0].series[0].share_channel_index.has_value());
}

TEST(PqdifLogicalDecode, OptionalFieldsAndUnknownElementsAreKept) {
  auto body = observation_element({channel_instance_element(
      0, {series_instance_element({values_element({0, 1})}),
          series_instance_element({values_element({7, 8}), u32_element(Guid{}, 1)})})});
  auto& channel = body.children.back().children[0];
  channel.children.push_back(
      Element::scalar(kTagChannelGroupID, Values::of_integer2(std::vector<std::int16_t>{5})));
  body.children.push_back(time_element(kTagTimeTriggered, Timestamp{kStart.days, 43200.25}));
  body.children.push_back(
      Element::vector(kTagChannelTriggerIdx, Values::of_unsigned4(std::vector<std::uint32_t>{0})));
  body.children.push_back(text_element(kTagGroupName, "not modelled"));
  body.children.push_back(u32_element(kTagBlank, 0));  // padding, not unknown
  const auto o = decode_observation(body, one_channel_source());
  EXPECT_EQ(o.name, "obs");
  EXPECT_EQ(o.time_start, start_utc());
  EXPECT_EQ(o.time_triggered, start_utc() + std::chrono::milliseconds(250));
  EXPECT_EQ(o.trigger_method, kTriggerChannel);
  EXPECT_EQ(o.channel_trigger_indexes, std::vector<std::uint32_t>{0});
  EXPECT_EQ(o.channels[0].channel_group_id, 5);
  EXPECT_EQ(o.unknown_elements, 1u);
  EXPECT_EQ(o.channels[0].series[1].unknown_elements, 1u);
  EXPECT_EQ(o.channels[0].series[0].unknown_elements, 0u);
}

TEST(PqdifLogicalDecode, DataSourceAndContainerFields) {
  const auto source = one_channel_source();
  EXPECT_EQ(source.name, "ds");
  EXPECT_EQ(source.type, kDataSourceMeasure);
  ASSERT_EQ(source.channels.size(), 1u);
  EXPECT_EQ(source.channels[0].name, "V");
  EXPECT_EQ(source.channels[0].phase, kPhaseAN);
  ASSERT_EQ(source.channels[0].series.size(), 2u);
  EXPECT_EQ(source.channels[0].series[1].storage_method, kStorageValues | kStorageScaled);
  EXPECT_EQ(source.channels[0].series[1].quantity_units, kUnitsVolts);
  EXPECT_EQ(source.unknown_elements, 0u);

  const auto container = decode_container(Element::collection(
      kTagContainer,
      {Element::vector(kTagVersionInfo,
                       Values::of_unsigned4(std::vector<std::uint32_t>{1, 5, 1, 0})),
       text_element(kTagFileName, "a.pqd"), time_element(kTagCreation, kStart),
       u32_element(kTagCompressionStyleID, 2), u32_element(kTagCompressionAlgorithmID, 1),
       text_element(kTagCopyright, "(c)")}));
  EXPECT_EQ(container.file_name, "a.pqd");
  EXPECT_EQ(container.creation, start_utc());
  EXPECT_EQ(container.version, (std::array<std::uint32_t, 4>{1, 5, 1, 0}));
  EXPECT_EQ(container.compression_style, CompressionStyle::record_level);
  EXPECT_EQ(container.compression_algorithm, CompressionAlgorithm::zlib);
  EXPECT_FALSE(container.title.has_value());
  EXPECT_EQ(container.unknown_elements, 1u);
}

// --- Refusals ---------------------------------------------------------------------------

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const PqdifError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PqdifLogicalErrors, MissingRequiredTagsAreNamed) {
  EXPECT_NE(error_of([] {
              decode_container(Element::collection(
                  kTagContainer,
                  {Element::vector(kTagVersionInfo,
                                   Values::of_unsigned4(std::vector<std::uint32_t>{1, 5, 1, 5})),
                   time_element(kTagCreation, kStart)}));
            }).find("missing required tagFileName in tagContainer"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode_data_source(Element::collection(
                  kTagRecordDataSource, {guid_element(kTagDataSourceTypeID, kDataSourceMeasure),
                                         text_element(kTagNameDS, "x")}));
            }).find("missing required tagChannelDefns"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode_data_source(data_source_element({channel_definition_element(
                  "V", {Element::collection(kTagOneSeriesDefn,
                                            {u32_element(kTagQuantityUnitsID, kUnitsVolts)})})}));
            }).find("missing required tagValueTypeID in tagOneSeriesDefn"),
            std::string::npos);
  auto body = observation_element({});
  std::erase_if(body.children, [](const Element& e) { return e.tag == kTagTimeStart; });
  EXPECT_NE(error_of([&] {
              decode_observation(body, one_channel_source());
            }).find("missing required tagTimeStart"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode_monitor_settings(Element::collection(kTagRecordMonitorSettings));
            }).find("missing required tagEffective"),
            std::string::npos);
}

TEST(PqdifLogicalErrors, WrongValueTypesAreNamed) {
  auto channel = channel_definition_element("V", {});
  for (auto& e : channel.children)
    if (e.tag == kTagPhaseID) e = text_element(kTagPhaseID, "AN");
  EXPECT_NE(
      error_of([&] { decode_data_source(data_source_element({channel})); }).find("tagPhaseID"),
      std::string::npos);
  EXPECT_NE(error_of([] {
              decode_container(Element::collection(
                  kTagContainer,
                  {Element::vector(kTagVersionInfo,
                                   Values::of_unsigned4(std::vector<std::uint32_t>{1, 5, 1, 5})),
                   text_element(kTagFileName, "a"), u32_element(kTagCreation, 3)}));
            }).find("tagCreation"),
            std::string::npos);
}

TEST(PqdifLogicalErrors, ChannelDefinitionIndexOutOfRange) {
  EXPECT_NE(
      error_of([] {
        decode_one({channel_instance_element(3, {series_instance_element({values_element({0})})})});
      }).find("refers to channel definition 3 of 1"),
      std::string::npos);
}

TEST(PqdifLogicalErrors, BadShareIndex) {
  EXPECT_NE(error_of([] {
              decode_one({channel_instance_element(
                  0, {share_element(4, 0), series_instance_element({values_element({0})})})});
            }).find("which does not exist"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode_one({channel_instance_element(
                  0, {share_element(0, 9), series_instance_element({values_element({0})})})});
            }).find("shares series 9 of channel instance 0"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode_one({channel_instance_element(
                  0, {series_instance_element({u32_element(kTagSeriesShareChannelIdx, 0)}),
                      series_instance_element({values_element({0})})})});
            }).find("neither tagSeriesValues nor both share indexes"),
            std::string::npos);
}

TEST(PqdifLogicalErrors, CyclicShare) {
  EXPECT_NE(error_of([] {
              decode_one({channel_instance_element(0, {share_element(1, 0), share_element(0, 0)}),
                          channel_instance_element(0, {share_element(0, 0), share_element(0, 1)})});
            }).find("cycle"),
            std::string::npos);
  // A series sharing itself.
  EXPECT_NE(error_of([] {
              decode_one({channel_instance_element(
                  0, {share_element(0, 0), series_instance_element({values_element({0})})})});
            }).find("cycle"),
            std::string::npos);
}

TEST(PqdifLogicalErrors, AbsurdIncrementCount) {
  const auto absurd = [](std::vector<double> rate, DecodeLimits limits = {}) {
    return error_of([&] {
      decode_one({channel_instance_element(0, {series_instance_element({values_element(rate)}),
                                               series_instance_element({values_element({})})})},
                 limits);
    });
  };
  EXPECT_NE(absurd({1, 1e12, 1.0}).find("more than the limit"), std::string::npos);
  EXPECT_NE(absurd({2, 600, 1.0, 600, 1.0}, DecodeLimits{1000}).find("expands to 1200 values"),
            std::string::npos);
  EXPECT_NE(absurd({1, -5, 1.0}).find("bad point count"), std::string::npos);
  EXPECT_NE(absurd({1.5, 5, 1.0}).find("bad rate count"), std::string::npos);
  EXPECT_NE(absurd({3, 5, 1.0}).find("bad rate count"), std::string::npos);  // too short
  EXPECT_NE(absurd({}).find("without a rate count"), std::string::npos);
  EXPECT_EQ(absurd({1, 1000, 1.0}, DecodeLimits{1000}), "no error");
}

}  // namespace
}  // namespace jemhead::pqdif
