// Model -> file -> model for each kind of observation the JEMStar II simulator writes
// (waveform, value log with min/max/avg, phasor, XY and MagDurTime sag summaries), with
// and without record-level compression, and what the writer refuses.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <sstream>

#include "core/pqdif/logical_reader.hpp"
#include "core/pqdif/logical_writer.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "logical_test_support.hpp"

namespace jemhead::pqdif {
namespace {

using namespace test;

Container jemstar_container() {
  Container c;
  c.file_name = "JEM_12345678_20240301T120000.pqd";
  c.creation = start_utc() + std::chrono::minutes(5);
  c.title = "JEMStar II power quality";
  c.application = "jemsim";
  c.times_saved = 1;
  return c;
}

std::vector<double> ramp(std::size_t n, double first, double step) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(first + step * double(i));
  return v;
}

Observation waveform() {
  const auto time = ramp(256, 0.0, 1.0 / 3840.0);  // 64 samples per 60 Hz cycle
  std::vector<double> volts, amps;
  for (double t : time) {
    volts.push_back(169.7 * std::sin(2 * std::numbers::pi * 60 * t));
    amps.push_back(7.07 * std::sin(2 * std::numbers::pi * 60 * t - 0.5));
  }
  auto o = observation("Sag waveform", {channel(0, {series(time), series(volts)}),
                                        channel(1, {shared(0, 0), series(amps)})});
  o.time_triggered = start_utc() + std::chrono::milliseconds(20);
  o.channel_trigger_indexes = {0};
  o.channels[0].series[1].base_quantity = 120.0;
  return o;
}

Observation value_log() {
  return observation(
      "Measurement log",
      {channel(2, {series(ramp(4, 0, 900)), series({11990.5, 11988.0, 12001.25, 11995}),
                   series({12010.5, 12013.0, 12020.0, 12011.75}),
                   series({12000.0, 12001.5, 12010.0, 12003.0})})});
}

Observation phasor() {
  auto o =
      observation("HSRMS", {channel(3, {series(ramp(3, 0, 1.0 / 60)), series({120.1, 119.8, 120.3}),
                                        series({0.0, -0.25, 0.5})})});
  o.channels[0].channel_group_id = 1;
  o.channels[0].channel_frequency = 60.0;
  return o;
}

Observation xy() {
  return observation(
      "Sag XY",
      {channel(4, {series({0.0083, 0.05, 0.5, 10.0}), series({45.0, 70.0, 80.0, 90.0})})});
}

Observation magdurtime() {
  auto o = observation(
      "Sag MagDurTime",
      {channel(5, {series({0.02, 3600.5}), series({62.5, 88.0}), series({0.1, 1.25})})});
  o.trigger_method = kTriggerPeriodic;
  o.serial = 42;
  o.disturbance_category = kCharacteristicNone;  // any GUID round-trips
  return o;
}

struct ReadBack {
  Container container;
  std::vector<DataSource> sources;
  std::vector<MonitorSettings> settings;
  std::vector<Observation> observations;
};

ReadBack read_back(const std::string& bytes) {
  std::istringstream in(bytes, std::ios::binary);
  PqdifFileReader reader(in);
  ReadBack r;
  r.container = reader.container();
  while (auto o = reader.next_observation()) r.observations.push_back(std::move(*o));
  r.sources = reader.data_sources();
  r.settings = reader.monitor_settings();
  EXPECT_EQ(reader.checksum_mismatches(), 0u);
  return r;
}

std::string write(const std::vector<Observation>& observations, WriteOptions w = {},
                  EncodeOptions e = {}) {
  std::ostringstream out(std::ios::binary);
  write_pqdif(out, jemstar_container(), {jemstar_source()}, observations, w, e);
  return out.str();
}

void expect_values(const std::vector<double>& got, const std::vector<double>& want,
                   double tolerance) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tolerance) << i;
}

void expect_same_header(const Observation& got, const Observation& want) {
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.time_start, want.time_start);
  EXPECT_EQ(got.time_create, want.time_create);
  EXPECT_EQ(got.time_triggered, want.time_triggered);
  EXPECT_EQ(got.trigger_method, want.trigger_method);
  EXPECT_EQ(got.channel_trigger_indexes, want.channel_trigger_indexes);
  EXPECT_EQ(got.serial, want.serial);
  EXPECT_EQ(got.disturbance_category, want.disturbance_category);
  ASSERT_EQ(got.channels.size(), want.channels.size());
  for (std::size_t c = 0; c < got.channels.size(); ++c) {
    EXPECT_EQ(got.channels[c].channel_definition_index, want.channels[c].channel_definition_index);
    EXPECT_EQ(got.channels[c].channel_group_id, want.channels[c].channel_group_id);
    EXPECT_EQ(got.channels[c].channel_frequency, want.channels[c].channel_frequency);
    ASSERT_EQ(got.channels[c].series.size(), want.channels[c].series.size());
    EXPECT_EQ(got.channels[c].unknown_elements, 0u);
  }
  EXPECT_EQ(got.unknown_elements, 0u);
}

class PqdifLogicalRoundTrip : public ::testing::TestWithParam<CompressionStyle> {};

TEST_P(PqdifLogicalRoundTrip, ContainerAndDataSource) {
  const auto r = read_back(write({value_log()}, WriteOptions{GetParam()}));
  const auto want = jemstar_container();
  EXPECT_EQ(r.container.file_name, want.file_name);
  EXPECT_EQ(r.container.creation, want.creation);
  EXPECT_EQ(r.container.title, want.title);
  EXPECT_EQ(r.container.application, want.application);
  EXPECT_EQ(r.container.times_saved, 1u);
  EXPECT_EQ(r.container.compression_style, GetParam());
  EXPECT_EQ(r.container.compression_algorithm, GetParam() == CompressionStyle::record_level
                                                   ? CompressionAlgorithm::zlib
                                                   : CompressionAlgorithm::none);
  ASSERT_EQ(r.sources.size(), 1u);
  const auto source = jemstar_source();
  const auto& d = r.sources[0];
  EXPECT_EQ(d.name, source.name);
  EXPECT_EQ(d.type, kDataSourceSimulate);
  EXPECT_EQ(d.vendor, kVendorNone);
  EXPECT_EQ(d.serial_number, "12345678");
  EXPECT_EQ(d.effective, start_utc());
  ASSERT_EQ(d.channels.size(), source.channels.size());
  for (std::size_t c = 0; c < d.channels.size(); ++c) {
    EXPECT_EQ(d.channels[c].name, source.channels[c].name);
    EXPECT_EQ(d.channels[c].phase, source.channels[c].phase);
    EXPECT_EQ(d.channels[c].quantity_type, source.channels[c].quantity_type);
    EXPECT_EQ(d.channels[c].quantity_measured, source.channels[c].quantity_measured);
    ASSERT_EQ(d.channels[c].series.size(), source.channels[c].series.size());
    for (std::size_t s = 0; s < d.channels[c].series.size(); ++s) {
      const auto& got = d.channels[c].series[s];
      const auto& want_s = source.channels[c].series[s];
      EXPECT_EQ(got.value_type, want_s.value_type);
      EXPECT_EQ(got.quantity_units, want_s.quantity_units);
      EXPECT_EQ(got.characteristic, want_s.characteristic);
      EXPECT_EQ(got.storage_method, want_s.storage_method);
      EXPECT_EQ(got.nominal_quantity, want_s.nominal_quantity);
      EXPECT_EQ(got.value_type_name, want_s.value_type_name);
      EXPECT_EQ(got.unknown_elements, 0u);
    }
  }
  EXPECT_EQ(d.unknown_elements, 0u);
}

TEST_P(PqdifLogicalRoundTrip, Waveform) {
  const auto want = waveform();
  const auto r = read_back(write({want}, WriteOptions{GetParam()}));
  ASSERT_EQ(r.observations.size(), 1u);
  const auto& got = r.observations[0];
  expect_same_header(got, want);
  // Time: increment storage, one rate.
  EXPECT_EQ(got.channels[0].series[0].physical_type, PhysicalType::real8);
  expect_values(got.channels[0].series[0].values, want.channels[0].series[0].values, 1e-12);
  // Volts: scaled int16, within half a step of 339.4 V / 65534.
  EXPECT_EQ(got.channels[0].series[1].physical_type, PhysicalType::integer2);
  expect_values(got.channels[0].series[1].values, want.channels[0].series[1].values,
                169.7 * 2 / 65534 / 2 + 1e-9);
  EXPECT_EQ(got.channels[0].series[1].base_quantity, 120.0);
  // Current channel: borrowed time axis, plain real8 values.
  EXPECT_EQ(got.channels[1].series[0].share_channel_index, 0u);
  EXPECT_EQ(got.channels[1].series[0].share_series_index, 0u);
  EXPECT_EQ(got.channels[1].series[0].values, got.channels[0].series[0].values);
  EXPECT_EQ(got.channels[1].series[1].values, want.channels[1].series[1].values);
}

TEST_P(PqdifLogicalRoundTrip, ValueLogMinMaxAvg) {
  const auto want = value_log();
  const auto r = read_back(write({want}, WriteOptions{GetParam()}));
  ASSERT_EQ(r.observations.size(), 1u);
  expect_same_header(r.observations[0], want);
  for (std::size_t s = 0; s < 4; ++s)
    EXPECT_EQ(r.observations[0].channels[0].series[s].values, want.channels[0].series[s].values);
  EXPECT_EQ(absolute_time(r.observations[0], r.observations[0].channels[0].series[0].values[3]),
            start_utc() + std::chrono::minutes(45));
}

TEST_P(PqdifLogicalRoundTrip, PhasorXyAndMagDurTime) {
  const std::vector<Observation> want{phasor(), xy(), magdurtime()};
  const auto r = read_back(write(want, WriteOptions{GetParam()}));
  ASSERT_EQ(r.observations.size(), 3u);
  for (std::size_t i = 0; i < want.size(); ++i) {
    expect_same_header(r.observations[i], want[i]);
    for (std::size_t s = 0; s < want[i].channels[0].series.size(); ++s)
      EXPECT_EQ(r.observations[i].channels[0].series[s].values,
                want[i].channels[0].series[s].values);
  }
  EXPECT_EQ(r.observations[0].channels[0].channel_group_id, 1);
}

INSTANTIATE_TEST_SUITE_P(Compression, PqdifLogicalRoundTrip,
                         ::testing::Values(CompressionStyle::none, CompressionStyle::record_level),
                         [](const auto& p) {
                           return p.param == CompressionStyle::none ? "plain" : "zlib";
                         });

TEST(PqdifLogicalWriter, Real4ValuesKeepFloatPrecision) {
  const auto want = value_log();
  const auto r = read_back(write({want}, {}, EncodeOptions{PhysicalType::real4}));
  const auto& got = r.observations.at(0).channels.at(0);
  EXPECT_EQ(got.series[1].physical_type, PhysicalType::real4);
  expect_values(got.series[3].values, want.channels[0].series[3].values, 1e-3);
  EXPECT_EQ(got.series[1].values[2], static_cast<double>(static_cast<float>(12001.25)));
}

TEST(PqdifLogicalWriter, ObservationsFollowTheirDataSource) {
  auto second_source = jemstar_source();
  second_source.name = "second meter";
  auto a = value_log();
  auto b = xy();
  b.data_source_index = 1;
  std::ostringstream out(std::ios::binary);
  // b is given first but is written after the second data source.
  write_pqdif(out, jemstar_container(), {jemstar_source(), second_source}, {b, a});
  const auto r = read_back(out.str());
  ASSERT_EQ(r.sources.size(), 2u);
  ASSERT_EQ(r.observations.size(), 2u);
  EXPECT_EQ(r.observations[0].name, a.name);
  EXPECT_EQ(r.observations[0].data_source_index, 0u);
  EXPECT_EQ(r.observations[1].name, b.name);
  EXPECT_EQ(r.observations[1].data_source_index, 1u);
  EXPECT_EQ(r.sources[1].name, "second meter");
}

TEST(PqdifLogicalWriter, MonitorSettingsRoundTrip) {
  MonitorSettings m;
  m.effective = start_utc();
  m.installed = start_utc() - std::chrono::hours(24);
  m.use_transducer = true;
  m.nominal_frequency = 60.0;
  m.physical_connection = 4;
  ChannelSetting s;
  s.channel_definition_index = 0;
  s.system_side_ratio = 14400.0;
  s.monitor_side_ratio = 120.0;
  s.trigger_low = 0.9;
  m.channel_settings = {s};
  std::ostringstream out(std::ios::binary);
  PqdifFileWriter writer(out, jemstar_container(), WriteOptions{CompressionStyle::record_level});
  writer.write_data_source(jemstar_source());
  writer.write_monitor_settings(m);
  writer.write_observation(xy());
  writer.finish();
  EXPECT_EQ(writer.records_written(), 4u);
  const auto r = read_back(out.str());
  ASSERT_EQ(r.settings.size(), 1u);
  const auto& got = r.settings[0];
  EXPECT_EQ(got.effective, m.effective);
  EXPECT_EQ(got.installed, m.installed);
  EXPECT_FALSE(got.use_calibration);
  EXPECT_TRUE(got.use_transducer);
  EXPECT_EQ(got.nominal_frequency, 60.0);
  EXPECT_EQ(got.physical_connection, 4u);
  ASSERT_EQ(got.channel_settings.size(), 1u);
  EXPECT_EQ(got.channel_settings[0].system_side_ratio, 14400.0);
  EXPECT_EQ(got.channel_settings[0].monitor_side_ratio, 120.0);
  EXPECT_EQ(got.channel_settings[0].trigger_low, 0.9);
  EXPECT_FALSE(got.channel_settings[0].trigger_high.has_value());
  EXPECT_EQ(got.unknown_elements, 0u);
  EXPECT_EQ(r.observations.size(), 1u);
}

TEST(PqdifLogicalWriter, AbsoluteTimeAxisIsWrittenAsTimestamps) {
  auto source = jemstar_source();
  source.channels[2].series[0].quantity_units = kUnitsTimestamp;
  const auto want = value_log();
  const auto element = encode_observation(want, source);
  const auto& series =
      element.find(kTagChannelInstances)->children[0].find(kTagSeriesInstances)->children[0];
  EXPECT_EQ(series.find(kTagSeriesValues)->values.type, PhysicalType::timestamp);
  const auto got = decode_observation(element, source);
  EXPECT_EQ(got.channels[0].series[0].values, want.channels[0].series[0].values);
}

TEST(PqdifLogicalWriter, RefusesWhatReadersCouldNotInterpret) {
  const auto source = jemstar_source();
  auto uneven = waveform();
  uneven.channels[0].series[0].values[10] += 0.001;
  EXPECT_THROW(encode_observation(uneven, source), PqdifError);
  auto bad_channel = xy();
  bad_channel.channels[0].channel_definition_index = 99;
  EXPECT_THROW(encode_observation(bad_channel, source), PqdifError);
  auto too_many = xy();
  too_many.channels[0].series.push_back(series({1.0}));
  EXPECT_THROW(encode_observation(too_many, source), PqdifError);
  auto not_finite = waveform();
  not_finite.channels[0].series[1].values[3] = std::nan("");
  EXPECT_THROW(encode_observation(not_finite, source), PqdifError);
  auto orphan = xy();
  orphan.data_source_index = 1;
  std::ostringstream out(std::ios::binary);
  EXPECT_THROW(write_pqdif(out, jemstar_container(), {source}, {orphan}), PqdifError);
  std::ostringstream out2(std::ios::binary);
  PqdifFileWriter writer(out2, jemstar_container());
  EXPECT_THROW(writer.write_observation(xy()), PqdifError);
}

TEST(PqdifLogicalWriter, ConstantScaledSeriesRoundTripsExactly) {
  auto o = waveform();
  o.channels[0].series[1].values.assign(256, 120.0);
  const auto got = decode_observation(encode_observation(o, jemstar_source()), jemstar_source());
  EXPECT_EQ(got.channels[0].series[1].values, std::vector<double>(256, 120.0));
}

TEST(PqdifLogicalErrors, ObservationBeforeAnyDataSource) {
  std::ostringstream out(std::ios::binary);
  RecordWriter records(out);
  records.write(kTagContainer, encode_container(jemstar_container()));
  records.write(kTagRecordObservation, encode_observation(xy(), jemstar_source()));
  records.finish();
  std::istringstream in(out.str(), std::ios::binary);
  PqdifFileReader reader(in);
  try {
    reader.next_observation();
    FAIL() << "no error";
  } catch (const PqdifError& e) {
    EXPECT_NE(std::string(e.what()).find("observation before any data source"), std::string::npos);
    EXPECT_EQ(e.record(), 1u);
    EXPECT_TRUE(e.offset().has_value());
  }
}

TEST(PqdifLogicalErrors, FileMustStartWithAContainer) {
  std::ostringstream out(std::ios::binary);
  RecordWriter records(out);
  records.write(kTagRecordDataSource, encode_data_source(jemstar_source()));
  records.finish();
  std::istringstream in(out.str(), std::ios::binary);
  EXPECT_THROW(PqdifFileReader reader(in), PqdifError);
  std::istringstream empty(std::string{}, std::ios::binary);
  EXPECT_THROW(PqdifFileReader reader(empty), PqdifError);
}

TEST(PqdifLogicalErrors, DecodeErrorsNameTheRecord) {
  auto source = jemstar_source();
  source.channels.resize(2);  // observations below refer to channel 4
  std::ostringstream out(std::ios::binary);
  RecordWriter records(out);
  records.write(kTagContainer, encode_container(jemstar_container()));
  records.write(kTagRecordDataSource, encode_data_source(source));
  records.write(kTagRecordObservation, encode_observation(xy(), jemstar_source()));
  records.finish();
  std::istringstream in(out.str(), std::ios::binary);
  PqdifFileReader reader(in);
  try {
    reader.next_observation();
    FAIL() << "no error";
  } catch (const PqdifError& e) {
    EXPECT_NE(std::string(e.what()).find("record 2 (tagRecObservation)"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.record(), 2u);
  }
  EXPECT_EQ(reader.data_sources().size(), 1u);
}

}  // namespace
}  // namespace jemhead::pqdif
