// The logical reader against PQDIF files written by other people's software. Expected
// numbers were taken with an independent reader (a few lines of Python over the raw
// records), not with this code.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/pqdif/logical_reader.hpp"
#include "core/time.hpp"
#include "tests/data/pqdif_files.hpp"

namespace jemhead::pqdif {
namespace {

struct SampleFile {
  Container container;
  std::vector<DataSource> sources;
  std::vector<MonitorSettings> settings;
  std::vector<Observation> observations;
  std::size_t skipped = 0;
  std::size_t mismatches = 0;
  ChecksumKind checksum = ChecksumKind::absent;
};

SampleFile read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  PqdifFileReader reader(in);
  SampleFile f;
  f.container = reader.container();
  while (auto o = reader.next_observation()) f.observations.push_back(std::move(*o));
  f.sources = reader.data_sources();
  f.settings = reader.monitor_settings();
  f.skipped = reader.skipped_records();
  f.mismatches = reader.checksum_mismatches();
  f.checksum = reader.last_checksum();
  return f;
}

const SampleFile& secha() {
  static const SampleFile f = read_all(testing::pqdif_test_file("secha-example.pqd"));
  return f;
}

std::string iso(UtcTime t) {
  return format_iso8601(t);
}

std::size_t value_count(const std::vector<Observation>& observations) {
  std::size_t n = 0;
  for (const auto& o : observations)
    for (const auto& c : o.channels)
      for (const auto& s : c.series) n += s.values.size();
  return n;
}

TEST(PqdifLogicalSamples, SechaContainer) {
  const auto& c = secha().container;
  EXPECT_EQ(c.file_name, "D:\\PQDIF\\Native15\\PQDIFr\\example.pqd");
  EXPECT_EQ(iso(c.creation), "1999-07-16T21:27:05.000000Z");
  EXPECT_EQ(c.compression_style, CompressionStyle::record_level);
  EXPECT_EQ(c.compression_algorithm, CompressionAlgorithm::zlib);
  EXPECT_EQ(c.version, (std::array<std::uint32_t, 4>{1, 5, 1, 5}));
  EXPECT_EQ(c.title, "PASS to PQDIF Translator");
  EXPECT_EQ(c.author, "Erich W. Gunther");
  // Keywords, comments, last saved by, security, owner, copyright, trademarks.
  EXPECT_EQ(c.unknown_elements, 7u);
  EXPECT_EQ(secha().checksum, ChecksumKind::adler32_stored);
  EXPECT_EQ(secha().mismatches, 0u);
}

TEST(PqdifLogicalSamples, SechaDataSourceAndSettings) {
  ASSERT_EQ(secha().sources.size(), 1u);
  const auto& d = secha().sources[0];
  EXPECT_EQ(d.name, "PQDIF Convert");
  EXPECT_EQ(d.type, kDataSourceMeasure);
  EXPECT_EQ(d.vendor, kVendorElectrotek);
  ASSERT_EQ(d.channels.size(), 37u);
  EXPECT_EQ(d.channels[0].name, "Waveform VAN");
  EXPECT_EQ(d.channels[0].quantity_type, kQuantityTypeWaveform);
  EXPECT_EQ(d.channels[0].series[0].storage_method, kStorageIncrement);
  EXPECT_EQ(d.channels[0].series[1].storage_method, kStorageValues | kStorageScaled);
  EXPECT_EQ(d.channels[3].name, "Waveform VAB");
  EXPECT_EQ(d.channels[3].phase, kPhaseAB);
  EXPECT_EQ(d.channels[15].name, "Phasor VAN");
  EXPECT_EQ(d.channels[15].quantity_type, kQuantityTypePhasor);
  EXPECT_EQ(d.channels[15].series.size(), 5u);
  EXPECT_EQ(d.channels[15].series[4].value_type, kValueTypePhaseAngle);
  EXPECT_EQ(d.channels[29].name, "SS RMS VAB");
  EXPECT_EQ(d.channels[29].quantity_type, kQuantityTypeValueLog);
  EXPECT_EQ(d.channels[36].name, "SS RMS IN");
  EXPECT_EQ(d.channels[36].series[3].quantity_units, kUnitsAmps);
  EXPECT_NEAR(*d.channels[0].series[1].nominal_quantity, 48083.26112068524, 1e-9);

  ASSERT_EQ(secha().settings.size(), 1u);
  const auto& m = secha().settings[0];
  EXPECT_EQ(iso(m.effective), "1999-06-01T01:06:20.000000Z");
  EXPECT_FALSE(m.use_calibration);
  EXPECT_EQ(m.channel_settings.size(), 39u);
  EXPECT_EQ(m.channel_settings[3].channel_definition_index, 3u);
  EXPECT_EQ(m.raw.children.size(), 6u);
}

TEST(PqdifLogicalSamples, SechaObservationCounts) {
  const auto& obs = secha().observations;
  ASSERT_EQ(obs.size(), 47u);
  std::map<std::string, int> by_name;
  for (const auto& o : obs) ++by_name[o.name];
  EXPECT_EQ(by_name["Steady-state trend"], 27);
  EXPECT_EQ(by_name["Obs"], 15);
  EXPECT_EQ(by_name["RMS Variation"], 5);
  std::size_t instances = 0;
  for (const auto& o : obs) instances += o.channels.size();
  EXPECT_EQ(instances, 312u);
  EXPECT_EQ(value_count(obs), 399'384u);  // shared series counted with their borrowed values
  EXPECT_EQ(obs.back().name, "Steady-state trend");
  EXPECT_EQ(iso(obs.back().time_start), "1999-06-30T01:00:49.000000Z");
  for (const auto& o : obs) EXPECT_EQ(o.data_source_index, 0u);
}

TEST(PqdifLogicalSamples, SechaSteadyStateTrendLineToLineRms) {
  const auto& o = secha().observations[0];
  EXPECT_EQ(o.name, "Steady-state trend");
  EXPECT_EQ(o.trigger_method, kTriggerPeriodic);
  ASSERT_EQ(o.channels.size(), 6u);
  std::vector<std::uint32_t> definitions;
  for (const auto& c : o.channels) definitions.push_back(c.channel_definition_index);
  EXPECT_EQ(definitions, (std::vector<std::uint32_t>{29, 30, 31, 33, 34, 35}));
  const auto& vab = o.channels[0];
  ASSERT_EQ(vab.series.size(), 4u);
  for (const auto& s : vab.series) EXPECT_EQ(s.values.size(), 96u);
  const auto& time = vab.series[0].values;
  EXPECT_EQ(time.front(), 0.0);
  EXPECT_EQ(time.back(), 85'500.0);
  EXPECT_EQ(iso(absolute_time(o, time.front())), "1999-06-01T01:06:20.000000Z");
  EXPECT_EQ(iso(absolute_time(o, time.back())), "1999-06-02T00:51:20.000000Z");
  // Min, max, avg of VAB: int16 x 1.0957875... ~ 34.5 kV line to line.
  EXPECT_NEAR(vab.series[1].values.front(), 34501.96601772308, 1e-6);
  EXPECT_NEAR(vab.series[1].values.back(), 32133.969175815582, 1e-6);
  EXPECT_NEAR(vab.series[2].values.front(), 34915.07791471481, 1e-6);
  EXPECT_NEAR(vab.series[3].values.front(), 34627.98158311844, 1e-6);
  EXPECT_EQ(vab.series[1].physical_type, PhysicalType::integer2);
  EXPECT_NEAR(vab.series[1].scale, 1.095787525177002, 1e-15);
  EXPECT_EQ(vab.series[1].base_quantity, 34000.0);
  for (std::size_t i = 1; i < 4; ++i)
    for (const auto& c : {o.channels[0], o.channels[1], o.channels[2]})
      for (double v : c.series[i].values) {
        EXPECT_GT(v, 29'000.0);
        EXPECT_LT(v, 36'000.0);
      }
  // The other channels borrow channel 0's time axis.
  EXPECT_EQ(o.channels[1].series[0].share_channel_index, 0u);
  EXPECT_EQ(o.channels[1].series[0].values, time);
  EXPECT_NEAR(o.channels[1].series[1].values.front(), 34740.60311341286, 1e-6);
}

TEST(PqdifLogicalSamples, SechaWaveformIncrementTimeAxis) {
  const auto& o = secha().observations[1];
  EXPECT_EQ(o.name, "Obs");
  EXPECT_EQ(o.trigger_method, kTriggerChannel);
  EXPECT_EQ(o.channel_trigger_indexes, std::vector<std::uint32_t>{4});
  ASSERT_TRUE(o.time_triggered.has_value());
  EXPECT_EQ(iso(*o.time_triggered), "1999-06-01T13:24:12.017512Z");
  ASSERT_EQ(o.channels.size(), 6u);
  const auto& van = o.channels[0];
  EXPECT_EQ(van.channel_definition_index, 3u);
  const auto& time = van.series[0].values;
  ASSERT_EQ(time.size(), 1536u);  // [1 rate, 1536 points, 1/15360 s] expanded
  EXPECT_EQ(van.series[0].storage_method, kStorageIncrement);
  EXPECT_EQ(time[0], 0.0);
  EXPECT_NEAR(time[1], 6.510417006211355e-05, 1e-15);
  EXPECT_NEAR(time.back(), 0.0999349010453443, 1e-12);
  EXPECT_EQ(iso(absolute_time(o, time.back())), "1999-06-01T13:24:12.099935Z");
  ASSERT_EQ(van.series[1].values.size(), 1536u);
  EXPECT_NEAR(van.series[1].values.front(), -20589.6577835083, 1e-6);
  EXPECT_NEAR(van.series[1].values.back(), -27574.812412261963, 1e-6);
  // Voltages (instances 0-2) are sampled twice as fast as currents (3-5); each group
  // borrows the time axis of its first instance.
  for (std::size_t c : {1, 2}) {
    EXPECT_EQ(o.channels[c].series[0].share_channel_index, 0u);
    EXPECT_EQ(o.channels[c].series[0].values, time);
  }
  const auto& ia = o.channels[3];
  EXPECT_EQ(ia.channel_definition_index, 9u);
  EXPECT_FALSE(ia.series[0].share_channel_index.has_value());
  ASSERT_EQ(ia.series[0].values.size(), 768u);
  EXPECT_NEAR(ia.series[0].values[1], 0.0001302083401242271, 1e-15);
  for (std::size_t c : {4, 5}) {
    EXPECT_EQ(o.channels[c].series[0].share_channel_index, 3u);
    EXPECT_EQ(o.channels[c].series[0].values, ia.series[0].values);
    EXPECT_EQ(o.channels[c].series[1].values.size(), 768u);
  }
  EXPECT_NEAR(o.channels[1].series[1].values.front(), 25788.685819625854, 1e-6);
}

TEST(PqdifLogicalSamples, SechaRmsVariation) {
  const auto& o = secha().observations[2];
  EXPECT_EQ(o.name, "RMS Variation");
  ASSERT_EQ(o.channels.size(), 12u);
  EXPECT_EQ(o.channels[0].channel_definition_index, 18u);
  EXPECT_EQ(o.channels[0].series[0].values.size(), 39u);
  EXPECT_NEAR(o.channels[0].series[0].values.back(), 0.6333333849906921, 1e-12);
  EXPECT_NEAR(o.channels[0].series[1].values.front(), 34445.98523712158, 1e-6);
  EXPECT_EQ(iso(o.time_start), "1999-06-02T00:50:14.000000Z");
}

struct DailyExpectation {
  std::string file;
  std::string creation;
  std::string first_time;
  std::string last_time;
  double ia_first;
};

class PqdifLogicalDailySamples : public ::testing::TestWithParam<DailyExpectation> {};

TEST_P(PqdifLogicalDailySamples, FeederTrends) {
  const auto& expected = GetParam();
  const auto path = testing::pqdif_shared_sample(expected.file);
  if (!path) GTEST_SKIP() << "shared PQDIF samples not present";
  const auto f = read_all(*path);
  EXPECT_EQ(f.container.file_name, "CPDIS_11KV_OSS0037_412693DX");
  EXPECT_EQ(iso(f.container.creation), expected.creation);  // seconds part beyond a day
  EXPECT_EQ(f.container.compression_style, CompressionStyle::record_level);
  EXPECT_EQ(f.container.application, "PQDIFServer");
  EXPECT_EQ(f.checksum, ChecksumKind::crc32_decompressed);
  ASSERT_EQ(f.sources.size(), 1u);
  ASSERT_EQ(f.sources[0].channels.size(), 174u);
  EXPECT_EQ(f.sources[0].channels[0].name, "Frequency");
  EXPECT_EQ(f.sources[0].channels[1].name, "Va");
  EXPECT_EQ(f.sources[0].channels[7].name, "Ia");
  EXPECT_EQ(f.sources[0].vendor, kVendorPml);
  ASSERT_EQ(f.settings.size(), 1u);
  EXPECT_EQ(f.settings[0].nominal_frequency, 50.0);
  EXPECT_TRUE(f.settings[0].use_transducer);

  const auto& obs = f.observations;
  ASSERT_EQ(obs.size(), 38u);
  std::vector<std::size_t> instances;
  for (const auto& o : obs) instances.push_back(o.channels.size());
  EXPECT_EQ(instances, (std::vector<std::size_t>{1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1,
                                                 1,  1,  1,  1,  1,  1,  63, 63, 63, 1, 1, 1, 62,
                                                 62, 62, 63, 63, 63, 63, 63, 63, 1,  1, 1, 1}));
  std::size_t total = 0;
  for (const auto& o : obs) total += o.channels.size();
  EXPECT_EQ(total, 779u);
  EXPECT_EQ(value_count(obs), 1'828'368u);

  // Basic trends: int32 ticks x 1e-4 s, every 10 minutes.
  const auto& va = obs[0];
  EXPECT_EQ(va.name, "Basic Trend");
  EXPECT_EQ(va.channels[0].channel_definition_index, 1u);
  const auto& time = va.channels[0].series[0].values;
  ASSERT_EQ(time.size(), 144u);
  EXPECT_EQ(va.channels[0].series[0].physical_type, PhysicalType::integer4);
  EXPECT_NEAR(time[1], 600.0, 1e-9);
  EXPECT_EQ(iso(absolute_time(va, time.front())), expected.first_time);
  EXPECT_EQ(iso(absolute_time(va, time.back())), expected.last_time);
  // Voltages are really 0.0 in these files.
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t s = 1; s < 4; ++s)
      for (double v : obs[i].channels[0].series[s].values) EXPECT_EQ(v, 0.0);
  // Currents Ia, Ib, Ic: 5-7 A.
  for (std::size_t i = 6; i < 9; ++i) {
    EXPECT_EQ(
        f.sources[0].channels[obs[i].channels[0].channel_definition_index].series[1].quantity_units,
        kUnitsAmps);
    for (std::size_t s = 1; s < 4; ++s)
      for (double v : obs[i].channels[0].series[s].values) {
        EXPECT_GT(v, 5.0);
        EXPECT_LT(v, 7.0);
      }
  }
  EXPECT_NEAR(obs[6].channels[0].series[1].values.front(), expected.ia_first, 1e-9);
  // An empty observation (no values recorded that day) decodes to empty series.
  EXPECT_EQ(obs[9].channels[0].series[0].values.size(), 0u);

  // HRMS trends: one channel definition, one instance per harmonic (group id 1..63),
  // the time axis shared from the first instance.
  const auto& hrms = obs[19];
  EXPECT_EQ(hrms.name, "HRMS Trend");
  for (std::size_t c = 0; c < hrms.channels.size(); ++c) {
    EXPECT_EQ(hrms.channels[c].channel_definition_index, 37u);
    EXPECT_EQ(hrms.channels[c].channel_group_id, static_cast<std::int32_t>(c + 1));
  }
  EXPECT_EQ(hrms.channels[62].series[0].share_channel_index, 0u);
  EXPECT_EQ(hrms.channels[62].series[0].values, hrms.channels[0].series[0].values);
  EXPECT_NEAR(hrms.channels[62].series[0].values.back(), 85'800.0, 1e-9);
  EXPECT_EQ(obs[25].channels[0].series[0].values.size(), 2880u);
}

INSTANTIATE_TEST_SUITE_P(
    Files, PqdifLogicalDailySamples,
    ::testing::Values(DailyExpectation{"20220920T000000.pqd", "2022-09-21T01:12:24.000000Z",
                                       "2022-09-20T00:00:00.000000Z", "2022-09-20T23:50:00.000000Z",
                                       5.723365306854248},
                      DailyExpectation{"20220921T000000.pqd", "2022-09-22T01:12:39.000000Z",
                                       "2022-09-21T00:00:00.000000Z", "2022-09-21T23:50:00.000000Z",
                                       5.67051362991333}),
    [](const auto& p) { return std::string("day") += std::to_string(p.index); });

}  // namespace
}  // namespace jemhead::pqdif
