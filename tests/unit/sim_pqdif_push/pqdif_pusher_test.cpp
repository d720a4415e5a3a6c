// The pusher with a recording sender in place of the network: every file the recorder
// writes is sent once with its exact bytes, failures are retried, delete_after_send
// empties the store, and the Test button's sample is a valid meter file.
#include "sim/pqdif/push/pqdif_pusher.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/digest/sha256.hpp"
#include "core/pqdif_file_name.hpp"
#include "tests/unit/sim_pqdif/pqdif_test_meter.hpp"

namespace jemhead::sim {
namespace {

using namespace std::chrono_literals;
using testing::PqMeter;

struct Sent {
  std::map<std::string, std::string> files;  // name -> bytes
  int calls = 0;
  int fail_first = 0;  // this many calls fail
};

PqdifSpec single_mode() {
  PqdifSpec s;
  s.mode = PqdifFileMode::single;
  s.events_per_day = 6;
  s.ml_interval_minutes = 0;
  return s;
}

struct Rig {
  explicit Rig(PqdifPushSpec push) : meter(single_mode()) {
    SimMeter* m = meter.meter.get();
    push.retry_initial = 10ms;
    push.retry_max = 20ms;
    pusher = std::make_unique<PqdifPusher>(
        std::vector<PushTarget>{{"142300003", push, meter.recorder.get(),
                                 [m] { return m->simulated_now(RealClock::now()); }}},
        [this](const PqdifPushSpec&, const std::string& name, const std::string& bytes) {
          ++sent.calls;
          if (sent.calls <= sent.fail_first) return std::string("connection refused");
          sent.files[name] = bytes;
          return std::string{};
        });
  }
  void advance_days(int days) {
    meter.meter->advance(Micros{std::int64_t{days} * 86'400'000'000}, RealClock::now());
  }
  UtcTime now() const { return meter.meter->simulated_now(RealClock::now()); }

  PqMeter meter;
  Sent sent;
  std::unique_ptr<PqdifPusher> pusher;
};

TEST(SimPqdifPusher, SendsEveryStoredFileOnceWithItsBytes) {
  Rig rig(PqdifPushSpec{});
  rig.advance_days(2);
  rig.pusher->run_once();
  rig.pusher->run_once();
  const auto store = rig.meter.recorder->list(rig.now());
  ASSERT_GE(store.size(), 6u);
  EXPECT_EQ(rig.sent.files.size(), store.size());
  EXPECT_EQ(rig.sent.calls, static_cast<int>(store.size()));  // once each
  for (const auto& f : store) {
    ASSERT_TRUE(rig.sent.files.contains(f.name)) << f.name;
    EXPECT_EQ(rig.sent.files[f.name], *rig.meter.recorder->bytes(f.name, rig.now()));
    const auto e = rig.pusher->entry("142300003", f.name);
    ASSERT_TRUE(e.has_value());
    ASSERT_TRUE(e->pushed_at.has_value());
    EXPECT_EQ(e->sha256, digest::sha256_hex(rig.sent.files[f.name]));
  }
  const auto status = rig.pusher->status("142300003");
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->pending, 0u);
  EXPECT_FALSE(rig.pusher->status("other").has_value());
}

TEST(SimPqdifPusher, RetriesAFailedSendAfterItsBackoff) {
  Rig rig(PqdifPushSpec{});
  rig.sent.fail_first = 1;
  rig.advance_days(1);
  rig.pusher->run_once();
  const auto first = rig.meter.recorder->list(rig.now()).front().name;
  auto e = rig.pusher->entry("142300003", first);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->error, "connection refused");
  EXPECT_FALSE(e->pushed_at.has_value());
  std::this_thread::sleep_for(15ms);
  rig.pusher->run_once();
  e = rig.pusher->entry("142300003", first);
  EXPECT_TRUE(e->pushed_at.has_value());
  EXPECT_TRUE(e->error.empty());
  EXPECT_EQ(e->attempts, 2);
  EXPECT_EQ(rig.sent.files.size(), rig.meter.recorder->list(rig.now()).size());
}

TEST(SimPqdifPusher, APassTriesEachDueFileOnceEvenWhenRetriesComeDueMeanwhile) {
  Rig rig(PqdifPushSpec{});
  rig.sent.fail_first = 1'000'000;
  rig.advance_days(1);
  const auto files = rig.meter.recorder->list(rig.now()).size();
  ASSERT_GE(files, 2u);
  std::this_thread::sleep_for(15ms);
  rig.pusher->run_once();  // returns although the 10 ms retries are due again by now
  EXPECT_EQ(rig.sent.calls, static_cast<int>(files));
  std::this_thread::sleep_for(15ms);
  rig.pusher->run_once();
  EXPECT_EQ(rig.sent.calls, static_cast<int>(2 * files));
  EXPECT_EQ(rig.pusher->status("142300003")->pending, files);
}

TEST(SimPqdifPusher, DeleteAfterSendEmptiesTheStore) {
  PqdifPushSpec push;
  push.delete_after_send = true;
  Rig rig(push);
  rig.advance_days(2);
  rig.pusher->run_once();
  EXPECT_TRUE(rig.meter.recorder->list(rig.now()).empty());
  ASSERT_GE(rig.sent.files.size(), 6u);
  for (const auto& [name, bytes] : rig.sent.files)
    EXPECT_TRUE(rig.pusher->entry("142300003", name)->deleted);
}

TEST(SimPqdifPusher, TestButtonSendsAValidSampleAndLogsIt) {
  Rig rig(PqdifPushSpec{});
  rig.advance_days(1);
  const auto r = rig.pusher->push_test("142300003");
  EXPECT_TRUE(r.error.empty());
  ASSERT_TRUE(rig.sent.files.contains(r.name));
  EXPECT_EQ(r.size, rig.sent.files[r.name].size());
  const auto parsed = parse_pqdif_file_name(r.name);
  ASSERT_TRUE(parsed.has_value()) << r.name;
  EXPECT_EQ(parsed->serial, "142300003");
  EXPECT_EQ(parsed->data_type, 0u);  // never a recorded file's name
  const auto file = testing::read_pqdif(rig.sent.files[r.name]);
  ASSERT_EQ(file.observations.size(), 1u);
  EXPECT_EQ(file.observations[0].name, "Measurement Log");
  const auto e = rig.pusher->entry("142300003", r.name);
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(e->test);
  EXPECT_EQ(rig.pusher->push_test("nobody").error,
            "this meter has no Remote Server push configured");
}

}  // namespace
}  // namespace jemhead::sim
