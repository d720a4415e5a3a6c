// The recorder's store (sim/pqdif/pqdif_recorder.*, pqdif_file_builder.*): the 500K split,
// determinism, FIFO, forced triggers, deletion.
#include <gtest/gtest.h>

#include <set>

#include "core/pqdif_file_name.hpp"
#include "sim/pqdif/pqdif_file_builder.hpp"
#include "tests/unit/sim_pqdif/pqdif_test_meter.hpp"

namespace jemhead::sim::testing {
namespace {

struct Snapshot {
  std::vector<std::string> names;
  std::vector<std::string> bytes;
};

Snapshot snapshot(PqdifRecorder& r, UtcTime now) {
  Snapshot s;
  r.read(now, [&](const std::deque<PqdifFile>& files) {
    for (const auto& f : files) {
      s.names.push_back(f.name);
      s.bytes.push_back(f.bytes);
    }
  });
  return s;
}

TEST(SimPqdifStore, ADayBeyond500KIsSplitIntoFilesUnderTheLimit) {
  PqdifSpec spec;  // multiple mode: one day in one file, unless it is too big
  spec.events_per_day = 40;
  spec.waveform_samples_per_cycle = 128;  // Medium: tens of KB per event
  PqMeter m(spec);
  std::size_t observations = 0;
  std::set<std::string> names;
  m.recorder->read(days_after_start(1), [&](const std::deque<PqdifFile>& files) {
    ASSERT_GT(files.size(), 1u);
    for (const auto& f : files) {
      EXPECT_LE(f.bytes.size(), 512'000u) << f.name;
      const auto name = parse_pqdif_file_name(f.name);
      ASSERT_TRUE(name);
      EXPECT_EQ(name->data_type, kPqdifDaily);
      names.insert(f.name);
      const auto read = read_pqdif(f.bytes);
      EXPECT_EQ(read.observations.size(), f.observations.size());
      observations += read.observations.size();
    }
    EXPECT_EQ(names.size(), files.size());  // distinct names
  });
  EXPECT_EQ(observations, 24u + 40u);  // nothing lost, nothing repeated
}

TEST(SimPqdifStore, AnObservationBiggerThanTheLimitIsSplitByChannels) {
  PqdifSpec spec;
  spec.mode = PqdifFileMode::single;
  spec.events_per_day = 0;
  spec.ml_interval_minutes = 0;
  spec.compressed = false;
  spec.max_file_bytes = 100'000;
  spec.waveform = {true, 30, 30, 960};  // Low's limits at Medium's rate: 32 KB+ per channel
  spec.waveform_samples_per_cycle = 128;
  PqMeter m(spec);
  const UtcTime at = days_after_start(0.25);
  m.recorder->trigger(PqEventKind::sag, at);
  std::size_t channels = 0;
  m.recorder->read(at + Micros{60'000'000}, [&](const std::deque<PqdifFile>& files) {
    ASSERT_GT(files.size(), 2u);
    for (const auto& f : files) {
      const auto read = read_pqdif(f.bytes);
      // Only a single channel bigger than the limit can make a bigger file.
      if (read.observations.at(0).channels.size() > 1) {
        EXPECT_LE(f.bytes.size(), 100'000u) << f.name;
      }
      ASSERT_EQ(read.observations.size(), 1u);
      EXPECT_EQ(read.observations[0].name, "Voltage Sag");
      EXPECT_EQ(read.observations[0].time_triggered, at);
      channels += read.observations[0].channels.size();
    }
  });
  EXPECT_EQ(channels, 16u + 3 + 6 + 9);
}

TEST(SimPqdifStore, SameSeedAndTimeGiveTheSameBytesHoweverOftenItIsRead) {
  PqdifSpec spec;
  spec.mode = PqdifFileMode::single;
  PqMeter a(spec), b(spec), c(spec, 8);
  const UtcTime end = days_after_start(2);
  for (double d = 0.1; d < 2; d += 0.1) b.recorder->list(days_after_start(d));  // many steps
  const auto sa = snapshot(*a.recorder, end);
  const auto sb = snapshot(*b.recorder, end);
  ASSERT_FALSE(sa.names.empty());
  EXPECT_EQ(sa.names, sb.names);
  EXPECT_EQ(sa.bytes, sb.bytes);
  const auto sc = snapshot(*c.recorder, end);  // another seed: other events
  EXPECT_NE(sa.names, sc.names);
}

TEST(SimPqdifStore, FifoKeepsTheNewestFiles) {
  PqdifSpec spec;
  spec.mode = PqdifFileMode::single;
  spec.events_per_day = 0;
  spec.max_files = 10;
  PqMeter a(spec), b(spec);
  const auto all = a.recorder->list(days_after_start(1));
  ASSERT_EQ(all.size(), 10u);
  EXPECT_EQ(all.back().name, "142300003_1767312000_0_08.pqd");  // the last hour of the day
  EXPECT_EQ(all.front().name, "142300003_1767279600_0_08.pqd");
  // Reading on the way does not change what is kept.
  b.recorder->list(days_after_start(0.5));
  const auto stepped = b.recorder->list(days_after_start(1));
  ASSERT_EQ(stepped.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(stepped[i].name, all[i].name);
}

TEST(SimPqdifStore, FifoIsAlsoBoundedInBytes) {
  PqdifSpec spec;
  spec.events_per_day = 40;
  spec.waveform_samples_per_cycle = 128;
  spec.max_store_bytes = 1 << 20;
  PqMeter m(spec);
  std::size_t total = 0;
  const auto files = m.recorder->list(days_after_start(3));
  for (const auto& f : files) total += f.size;
  EXPECT_LE(total, std::size_t{1} << 20);
  EXPECT_GT(total, std::size_t{1} << 19);  // at least half full: files are under 500K
  ASSERT_FALSE(files.empty());
  // The newest are kept: the last file is a part of the third day's (midnight + part).
  const auto last = parse_pqdif_file_name(files.back().name);
  ASSERT_TRUE(last);
  EXPECT_GE(last->time, days_after_start(3));
  EXPECT_LT(last->time, days_after_start(3) + Micros{60'000'000});
}

TEST(SimPqdifStore, AForcedTriggerAppearsOnceItsRecordingsAreComplete) {
  PqdifSpec spec;
  spec.mode = PqdifFileMode::single;
  spec.events_per_day = 0;
  spec.ml_interval_minutes = 0;
  PqMeter m(spec);
  const UtcTime at = days_after_start(0.5) + Micros{123'456};
  const PqEvent e = m.recorder->trigger(PqEventKind::swell, at);
  EXPECT_EQ(e.trigger, at);
  EXPECT_GT(e.magnitude, 1.09);
  EXPECT_TRUE(m.recorder->list(at + e.duration).empty());  // still recording post-fault
  const auto list = m.recorder->list(at + Micros{30'000'000});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "142300003_1767268800_123456_07.pqd");
  // A second trigger at the same instant gets the next microsecond.
  EXPECT_EQ(m.recorder->trigger(PqEventKind::rvc, at + Micros{30'000'000}).trigger,
            at + Micros{30'000'000});
  EXPECT_EQ(m.recorder->trigger(PqEventKind::rvc, at + Micros{30'000'000}).trigger,
            at + Micros{30'000'001});
}

TEST(SimPqdifStore, ADeletedFileStaysDeleted) {
  PqdifSpec spec;
  PqMeter m(spec);
  const auto list = m.recorder->list(days_after_start(2));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(m.recorder->remove(list[0].name, days_after_start(2)));
  EXPECT_FALSE(m.recorder->remove(list[0].name, days_after_start(2)));
  const auto after = m.recorder->list(days_after_start(3));
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].name, list[1].name);
  EXPECT_FALSE(m.recorder->bytes(list[0].name, days_after_start(3)));
}

TEST(SimPqdifStore, FileNamesFollowTheManualsConvention) {
  EXPECT_EQ(pqdif_file_name("1423 00003", 1454408745, 133724, 7),
            "142300003_1454408745_133724_07.pqd");
  EXPECT_EQ(pqdif_file_name("140800001", 1594577710, 5, 128), "140800001_1594577710_5_128.pqd");
  const auto parsed = parse_pqdif_file_name(pqdif_file_name("142300003", 1454408745, 133724, 22));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->data_type, 22u);
  EXPECT_EQ(to_unix_micros(parsed->time), 1454408745'133724);
}

}  // namespace
}  // namespace jemhead::sim::testing
