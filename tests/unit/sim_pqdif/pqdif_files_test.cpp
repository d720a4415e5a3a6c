// The PQ recorder's files (sim/pqdif/): they parse with the head-end's PQDIF reader, their
// names with parse_pqdif_file_name, the data type matches the observations inside, and the
// values are those the recorder reports as truth.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/pqdif_file_name.hpp"
#include "sim/pqdif/channel_table.hpp"
#include "tests/unit/sim_pqdif/pqdif_test_meter.hpp"

namespace jemhead::sim::testing {
namespace {

using namespace jemhead::pqdif;

std::set<Guid> quantities(const ReadFile& f, const Observation& o) {
  std::set<Guid> q;
  for (const auto& c : o.channels)
    q.insert(f.sources.at(0).channels.at(c.channel_definition_index).quantity_type);
  return q;
}

PqdifSpec single_mode() {
  PqdifSpec s;
  s.mode = PqdifFileMode::single;
  s.events_per_day = 6;
  return s;
}

TEST(SimPqdifFiles, SingleModeFilesParseAndTheirDataTypeMatchesTheContent) {
  PqMeter m(single_mode());
  const UtcTime now = days_after_start(2);
  std::size_t events = 0, logs = 0;
  m.recorder->read(now, [&](const std::deque<PqdifFile>& files) {
    ASSERT_FALSE(files.empty());
    for (const auto& file : files) {
      SCOPED_TRACE(file.name);
      const auto name = parse_pqdif_file_name(file.name);
      ASSERT_TRUE(name.has_value());
      EXPECT_EQ(name->serial, "142300003");
      EXPECT_EQ(name->data_type, file.data_type);
      const ReadFile f = read_pqdif(file.bytes);
      EXPECT_EQ(f.container.file_name, file.name);
      EXPECT_EQ(f.container.compression_style, CompressionStyle::record_level);
      ASSERT_EQ(f.observations.size(), 1u);
      const auto& o = f.observations[0];
      const auto q = quantities(f, o);
      if (file.data_type == kPqdifMeasurementLog) {
        ++logs;
        EXPECT_EQ(q, std::set<Guid>{kQuantityTypeValueLog});
        EXPECT_EQ(o.channels.size(), 7u);
        EXPECT_EQ(f.sources.at(0).channels.size(), 7u);        // only the definitions it uses
        EXPECT_EQ(o.channels[0].series[1].values.size(), 6u);  // 60 min of 10-min records
        EXPECT_EQ(name->time, o.time_start + Micros{3'600'000'000});  // created at the end
        continue;
      }
      ++events;
      // Single observation: the name is the trigger instant to the microsecond.
      ASSERT_TRUE(o.time_triggered.has_value());
      EXPECT_EQ(name->time, *o.time_triggered);
      EXPECT_EQ(q.count(kQuantityTypeXY) == 1, (file.data_type & kPqdifSagSwell) != 0);
      EXPECT_TRUE(q.count(kQuantityTypeMagDurTime));
      EXPECT_EQ(q.count(kQuantityTypeWaveform) == 1, (file.data_type & kPqdifWaveformCapture) != 0);
      EXPECT_EQ(q.count(kQuantityTypePhasor) == 1, (file.data_type & kPqdifHighSpeedRms) != 0);
      EXPECT_EQ(
          file.data_type & (kPqdifSagSwell | kPqdifRapidVoltageChange | kPqdifVoltageInterruption),
          o.name == "Rapid Voltage Change"   ? kPqdifRapidVoltageChange
          : o.name == "Voltage Interruption" ? kPqdifVoltageInterruption
                                             : kPqdifSagSwell);
      EXPECT_EQ(o.channels.size(), (q.count(kQuantityTypeXY) ? 16u : 0u) + 3 + 6 + 9);
      EXPECT_EQ(f.sources.at(0).channels.size(), o.channels.size());
    }
  });
  EXPECT_EQ(events, 12u);  // 6 a day
  EXPECT_EQ(logs, 48u);    // hourly
}

TEST(SimPqdifFiles, ValuesReadBackEqualTheTruthSummary) {
  PqMeter m(single_mode());
  m.recorder->read(days_after_start(1), [&](const std::deque<PqdifFile>& files) {
    ASSERT_FALSE(files.empty());
    for (const auto& file : files) {
      const ReadFile f = read_pqdif(file.bytes);
      ASSERT_EQ(f.observations.size(), file.observations.size());
      for (std::size_t i = 0; i < f.observations.size(); ++i) {
        const auto& o = f.observations[i];
        const auto& s = file.observations[i];
        EXPECT_EQ(o.name, s.name);
        EXPECT_EQ(o.time_start, s.start);
        EXPECT_EQ(o.channels.size(), s.channel_count);
        std::size_t values = 0;
        for (const auto& series : s.series) {
          const auto& read = o.channels.at(series.channel).series.at(series.series).values;
          values += read.size();
          ASSERT_EQ(read.size(), series.count);
          for (std::size_t k = 0; k < series.first.size(); ++k)
            EXPECT_NEAR(read[k], series.first[k], 1e-9 * std::max(1.0, std::fabs(series.first[k])))
                << file.name << " " << series.channel_name << " series " << series.series;
        }
        EXPECT_EQ(values, s.value_count);
      }
    }
  });
}

TEST(SimPqdifFiles, MeasurementLogValuesAreTheModelsPrimaryValuesAtEachRecord) {
  PqdifSpec spec = single_mode();
  spec.events_per_day = 0;
  spec.ml_channels = {"volts_a", "amps_b", "watts_total", "frequency"};
  PqMeter m(spec);
  auto list = m.recorder->list(kStart + Micros{3'600'000'000});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "142300003_1767229200_0_08.pqd");
  const ReadFile f = read_pqdif(*m.recorder->bytes(list[0].name, kStart));
  const auto& o = f.observations.at(0);
  ASSERT_EQ(o.channels.size(), 4u);
  for (std::size_t c = 0; c < 4; ++c) {
    const auto& times = o.channels[c].series[0].values;
    const auto& v = o.channels[c].series[1].values;
    ASSERT_EQ(v.size(), 6u);
    for (std::size_t k = 0; k < 6; ++k) {
      EXPECT_NEAR(times[k], 600.0 * static_cast<double>(k + 1), 1e-6);
      const UtcTime at = kStart + Micros{600'000'000 * static_cast<std::int64_t>(k + 1)};
      EXPECT_EQ(v[k], static_cast<double>(
                          static_cast<float>(m.recorder->ml_value(spec.ml_channels[c], at))));
    }
  }
  // Primary: volts about 120 x PT 60.
  EXPECT_NEAR(o.channels[0].series[1].values[0], 7200, 200);
  EXPECT_NEAR(o.channels[3].series[1].values[0], 60, 0.1);
}

TEST(SimPqdifFiles, WaveformIsASineAtTheRecordedRmsWithTheEventsDip) {
  PqdifSpec spec = single_mode();
  spec.events_per_day = 0;
  spec.ml_interval_minutes = 0;
  PqMeter m(spec);
  const UtcTime at = days_after_start(0.5);
  const PqEvent e = m.recorder->trigger(PqEventKind::interruption, at);
  auto list = m.recorder->list(at + Micros{120'000'000});
  ASSERT_EQ(list.size(), 1u);
  const auto name = parse_pqdif_file_name(list[0].name);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->data_type,
            kPqdifVoltageInterruption | kPqdifWaveformCapture | kPqdifHighSpeedRms);
  EXPECT_EQ(name->time, at);
  const ReadFile f = read_pqdif(*m.recorder->bytes(list[0].name, at));
  const auto& o = f.observations.at(0);
  const PqBase base = m.recorder->base_at(at);
  // Volts A waveform: the first cycle (pre-fault) peaks at sqrt(2) x RMS, one in the event
  // at the interruption's remaining voltage.
  const ChannelInstance* wave = nullptr;
  for (const auto& c : o.channels)
    if (f.sources[0].channels[c.channel_definition_index].quantity_type == kQuantityTypeWaveform &&
        !wave)
      wave = &c;
  ASSERT_NE(wave, nullptr);
  const auto& v = wave->series[1].values;
  const std::size_t spc = spec.waveform_samples_per_cycle;
  auto peak = [&](std::size_t cycle) {
    double p = 0;
    for (std::size_t k = cycle * spc; k < (cycle + 1) * spc; ++k) p = std::max(p, std::fabs(v[k]));
    return p;
  };
  EXPECT_NEAR(peak(0), std::sqrt(2.0) * base.volts[0], 0.03 * base.volts[0]);
  EXPECT_NEAR(peak(spec.waveform.pre_cycles + 2), std::sqrt(2.0) * base.volts[0] * e.magnitude,
              0.03 * base.volts[0]);
  // Pre-fault, the event, post-fault, truncated at the maximum.
  const auto event_cycles = static_cast<std::uint32_t>(std::ceil(e.duration.count() * 60 / 1e6));
  EXPECT_EQ(v.size(), std::min(spec.waveform.pre_cycles + event_cycles + spec.waveform.post_cycles,
                               spec.waveform.max_cycles) *
                          spc);
  // HSRMS: two points per cycle, the pre-fault RMS, then the interruption's.
  const auto& hs = o.channels.back();  // Phase Angle C
  EXPECT_EQ(f.sources[0].channels[hs.channel_definition_index].name, "Phase Angle Phase C");
  // The trigger points at the MagDurTime channels of the three phases (no XY here).
  EXPECT_EQ(o.channel_trigger_indexes, (std::vector<std::uint32_t>{0, 1, 2}));
  const auto& rms_a = o.channels[o.channels.size() - 9].series[1].values;
  EXPECT_EQ(rms_a[0], static_cast<double>(static_cast<float>(base.volts[0])));
  EXPECT_EQ(rms_a[2 * spec.hsrms.pre_cycles + 2],
            static_cast<double>(static_cast<float>(base.volts[0] * e.magnitude)));
}

TEST(SimPqdifFiles, DailyFileHoldsTheDaysEventsAndLogsInTimeOrder) {
  PqdifSpec spec;  // multiple, compressed
  spec.events_per_day = 5;
  PqMeter m(spec);
  EXPECT_TRUE(m.recorder->list(days_after_start(1) - Micros{1}).empty());  // none before midnight
  auto list = m.recorder->list(days_after_start(1));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name.substr(0, 21), "142300003_1767312000_");
  const auto name = parse_pqdif_file_name(list[0].name);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->data_type, kPqdifDaily);
  const ReadFile f = read_pqdif(*m.recorder->bytes(list[0].name, days_after_start(1)));
  ASSERT_EQ(f.observations.size(), 24u + 5u);
  std::size_t logs = 0;
  for (std::size_t i = 0; i < f.observations.size(); ++i) {
    if (f.observations[i].name == "Measurement Log") ++logs;
    if (i > 0) {
      EXPECT_LE(f.observations[i - 1].time_start, f.observations[i].time_start);
    }
  }
  EXPECT_EQ(logs, 24u);
  // The name's microseconds are the first observation's.
  EXPECT_EQ(
      to_unix_micros(name->time) % 1'000'000,
      to_unix_micros(f.observations[0].time_triggered.value_or(f.observations[0].time_start)) %
          1'000'000);
}

TEST(SimPqdifFiles, NoDailyFileForADayWithNothingRecorded) {
  PqdifSpec spec;
  spec.events_per_day = 0;
  spec.ml_interval_minutes = 0;
  PqMeter m(spec);
  EXPECT_TRUE(m.recorder->list(days_after_start(3)).empty());
}

TEST(SimPqdifFiles, CompressedAndUncompressedHoldTheSameValues) {
  PqdifSpec plain;
  plain.compressed = false;
  PqMeter a(PqdifSpec{}), b(plain);
  const auto la = a.recorder->list(days_after_start(1));
  const auto lb = b.recorder->list(days_after_start(1));
  ASSERT_EQ(la.size(), 1u);
  ASSERT_EQ(lb.size(), 1u);
  EXPECT_EQ(la[0].name, lb[0].name);
  EXPECT_LT(la[0].size * 2, lb[0].size);
  const ReadFile fa = read_pqdif(*a.recorder->bytes(la[0].name, days_after_start(1)));
  const ReadFile fb = read_pqdif(*b.recorder->bytes(lb[0].name, days_after_start(1)));
  EXPECT_EQ(fa.container.compression_style, CompressionStyle::record_level);
  EXPECT_EQ(fb.container.compression_style, CompressionStyle::none);
  ASSERT_EQ(fa.observations.size(), fb.observations.size());
  for (std::size_t i = 0; i < fa.observations.size(); ++i)
    for (std::size_t c = 0; c < fa.observations[i].channels.size(); ++c)
      for (std::size_t s = 0; s < fa.observations[i].channels[c].series.size(); ++s)
        EXPECT_EQ(fa.observations[i].channels[c].series[s].values,
                  fb.observations[i].channels[c].series[s].values);
}

}  // namespace
}  // namespace jemhead::sim::testing
