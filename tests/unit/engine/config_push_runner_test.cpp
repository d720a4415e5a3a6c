// The configuration push runner against a fake meter driver and an in-memory store:
// what a push refuses before it runs (404/409/422, missing confirmation), what it records
// per section (not_deliverable, refused_mid, the clock and presets with their read-back,
// refused_by_meter), read-back verification and drift (with its alarm), one push at a
// time per meter, and pushes resumed after a restart. Plus the pure status rule.
#include "engine/config_push_runner.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "core/config/meter_configuration.hpp"
#include "storage/repository.hpp"

namespace jemhead::testing {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;
using engine::ConfigPushRejected;
using engine::ConfigPushRequest;

// What the fake meter holds and how it behaves.
struct FakeMeter {
  std::string serial = "70000001";
  double ct_primary = 600;
  std::uint32_t capture_period_s = 900;
  std::chrono::milliseconds clock_delay{0};  // how long a clock set takes
  bool refuse_presets = false;               // answer presets with exception 01
  std::atomic<int> clock_sets{0};
  std::atomic<int> preset_writes{0};
};

class FakeSession : public drivers::Session {
 public:
  explicit FakeSession(std::shared_ptr<FakeMeter> m) : m_(std::move(m)) {}

  drivers::Task<ClockReading> set_clock() override {
    if (m_->clock_delay.count() > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor, m_->clock_delay);
      co_await timer.async_wait(asio::use_awaitable);
    }
    ++m_->clock_sets;
    ClockReading r;
    r.head_end_time = utc_now();
    r.meter_time = r.head_end_time;
    r.source = "dlms";
    co_return r;
  }
  drivers::Task<ClockReading> read_clock() override {
    ClockReading r;
    r.head_end_time = utc_now();
    r.meter_time = r.head_end_time - std::chrono::hours(1);
    r.source = "dlms";
    co_return r;
  }
  drivers::Task<drivers::MeterIdentity> read_identity() override {
    drivers::MeterIdentity id;
    id.fields = {{"AMETEK Meter Serial Number", m_->serial},
                 {"Ch.0 Transformer ratio - Current Primary",
                  std::to_string(static_cast<int>(m_->ct_primary))}};
    co_return id;
  }
  drivers::Task<drivers::LoadProfileRead> read_load_profile(
      drivers::LoadProfileRequest request) override {
    if (request.profile != 1) throw drivers::NotPresent("load profile 2: not installed");
    drivers::LoadProfileRead r;
    r.layout.profile = 1;
    r.layout.capture_period_s = m_->capture_period_s;
    co_return r;
  }
  drivers::Task<std::vector<RegisterReading>> write_presets(
      std::vector<drivers::RegisterPreset> values) override {
    if (m_->refuse_presets) throw drivers::ProtocolException(16, 1, "exception 01");
    ++m_->preset_writes;
    std::vector<RegisterReading> out;
    for (const auto& v : values) {
      RegisterReading r;
      r.register_id = v.point;
      r.value = v.value;
      out.push_back(r);
    }
    co_return out;
  }
  drivers::Task<void> close() override { co_return; }

 private:
  std::shared_ptr<FakeMeter> m_;
};

class FakeDriver : public drivers::Driver {
 public:
  explicit FakeDriver(std::shared_ptr<FakeMeter> m) : m_(std::move(m)) {}
  Protocol protocol() const override { return Protocol::dlms; }
  CapabilitySet capabilities() const override {
    return {Capability::set_clock, Capability::read_clock, Capability::read_identity,
            Capability::read_load_profile, Capability::write_presets};
  }
  Validation validate_options(const ConnectionProfile&) const override { return {}; }
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter&, const ConnectionProfile&,
                                                        drivers::Executor) const override {
    co_return std::make_unique<FakeSession>(m_);
  }

 private:
  std::shared_ptr<FakeMeter> m_;
};

// The document the fake meter matches: CT 600, 15-minute profile 1 without channels.
config::MeterConfiguration matching_document() {
  config::MeterConfiguration c;
  c.primary.ct_primary = 600;
  return c;
}

class ConfigPushRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    meter_ = std::make_shared<FakeMeter>();
    drivers_.add(Protocol::dlms, [m = meter_] { return std::make_unique<FakeDriver>(m); });
    for (int i = 0; i < 2; ++i) io_threads_.emplace_back([this] { io_.run(); });
  }
  void TearDown() override {
    if (runner_) runner_->stop();
    runner_.reset();
    work_.reset();
    io_.stop();
    for (auto& t : io_threads_) t.join();
    repo_->close();
    if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
  }

  void start(bool with_alarm_files = true) {
    engine::ConfigPushOptions options;
    options.deadline = 10s;
    if (with_alarm_files) {
      files_dir_ = std::filesystem::temp_directory_path() /
                   ("config-push-test-" + std::to_string(::getpid()));
      options.alarm_files = std::make_shared<storage::FileStore>(files_dir_);
    }
    runner_ = std::make_unique<engine::ConfigPushRunner>(*repo_, drivers_, io_.get_executor(),
                                                         nullptr, options);
    runner_->start();
  }

  std::int64_t add_meter(const std::string& serial, bool mid = false,
                         Protocol protocol = Protocol::dlms) {
    Meter m;
    m.serial = serial;
    m.mid = mid;
    const auto id = repo_->insert_meter(m);
    ConnectionProfile p;
    p.meter_id = id;
    p.name = "eth";
    p.protocol = protocol;
    p.transport = Transport::tcp;
    p.host = "127.0.0.1";
    p.is_default = true;
    repo_->insert_connection(p);
    return id;
  }

  std::int64_t add_version(std::int64_t meter, const config::MeterConfiguration& c) {
    ConfigVersion v;
    v.meter_id = meter;
    v.author = "test";
    v.document_json = json::serialize(config::to_json(c));
    return repo_->insert_config_version(v).version;
  }

  ConfigPush wait_finished(std::int64_t id) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    for (;;) {
      auto p = repo_->config_push(id);
      if (p && p->status != ConfigPushStatus::queued && p->status != ConfigPushStatus::running)
        return *p;
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "push " << id << " did not finish";
        return p ? *p : ConfigPush{};
      }
      std::this_thread::sleep_for(5ms);
    }
  }

  static std::map<std::string, std::string> outcomes(const ConfigPush& p) {
    std::map<std::string, std::string> out;
    for (const auto& r : p.results) out[r.section] = r.outcome;
    return out;
  }

  std::unique_ptr<storage::Repository> repo_;
  std::shared_ptr<FakeMeter> meter_;
  drivers::DriverRegistry drivers_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::vector<std::thread> io_threads_;
  std::unique_ptr<engine::ConfigPushRunner> runner_;
  std::filesystem::path files_dir_;
};

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigPushRejected& e) {
    return e.status;
  }
  return 0;
}

TEST(ConfigPushStatus, FollowsTheResultsOfSectionsAndOperations) {
  using S = ConfigPushSection;
  using engine::push_status;
  EXPECT_EQ(push_status({}), ConfigPushStatus::succeeded);
  EXPECT_EQ(push_status({S{"clock", "verified", "", ""}, S{"presets", "applied", "", ""}}),
            ConfigPushStatus::succeeded);
  EXPECT_EQ(push_status({S{"clock", "verified", "", ""}, S{"demands", "not_deliverable", "", ""}}),
            ConfigPushStatus::partial);
  EXPECT_EQ(push_status({S{"demands", "not_deliverable", "", ""}}), ConfigPushStatus::failed);
  EXPECT_EQ(push_status({S{"demands", "refused_mid", "", ""}, S{"presets", "refused_mid", "", ""}}),
            ConfigPushStatus::refused);
  EXPECT_EQ(push_status({S{"presets", "mismatch", "", ""}}), ConfigPushStatus::partial);
  // A read-back mismatch counts only against a section the push applied.
  EXPECT_EQ(
      push_status({S{"clock", "verified", "", ""}, S{"read_back.primary", "mismatch", "", ""}}),
      ConfigPushStatus::succeeded);
  EXPECT_EQ(
      push_status({S{"primary", "applied", "", ""}, S{"read_back.primary", "mismatch", "", ""}}),
      ConfigPushStatus::partial);
}

TEST(ConfigPushStatus, SystemBit11IsTheConfigurationChangePoint) {
  StatusSnapshot s;
  s.points = {{"system.dst", true}, {"system.configuration_change", false}};
  EXPECT_FALSE(engine::configuration_change_active(s));
  s.points[1].active = true;
  EXPECT_TRUE(engine::configuration_change_active(s));
}

TEST_F(ConfigPushRunnerTest, RejectsWhatCannotBePushedBeforeRecordingAnything) {
  start();
  const auto id = add_meter("70000001");
  ConfigPushRequest r;
  r.meter_id = 999;
  EXPECT_EQ(status_of([&] { runner_->submit(r); }), 404);
  r.meter_id = id;
  EXPECT_EQ(status_of([&] { runner_->submit(r); }), 409) << "no version yet";
  add_version(id, matching_document());
  r.version = 7;
  EXPECT_EQ(status_of([&] { runner_->submit(r); }), 404);
  r.version.reset();
  r.sections = std::vector<std::string>{"hardware", "no_such_section"};
  try {
    runner_->submit(r);
    ADD_FAILURE() << "accepted";
  } catch (const ConfigPushRejected& e) {
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.problems.size(), 2u);
  }
  // A version whose document does not validate.
  ConfigVersion bad;
  bad.meter_id = id;
  bad.document_json = R"({"primary":{"ct_primary":-5}})";
  repo_->insert_config_version(bad);
  r.sections.reset();
  EXPECT_EQ(status_of([&] { runner_->submit(r); }), 422);
  // Outputs: the fake driver cannot control outputs.
  add_version(id, matching_document());
  r.outputs = {{"Ch1", true}};
  EXPECT_EQ(status_of([&] { runner_->submit(r); }), 409);
  EXPECT_TRUE(repo_->config_pushes(id, {0, 100}).empty());
}

TEST_F(ConfigPushRunnerTest, DestructiveChangeWithoutConfirmIsRecordedAsRefused) {
  start();
  const auto id = add_meter("70000001");
  add_version(id, matching_document());
  auto changed = matching_document();
  changed.primary.ct_primary = 800;  // primary scaling re-initialises data (L323-L376)
  add_version(id, changed);
  ConfigPushRequest r;
  r.meter_id = id;
  const auto push = runner_->submit(r);
  EXPECT_EQ(push.status, ConfigPushStatus::refused);
  EXPECT_EQ(push.sections, std::vector<std::string>{"primary"});
  EXPECT_NE(push.error.find("confirm"), std::string::npos) << push.error;
  EXPECT_TRUE(runner_->wait_idle(2s));
  EXPECT_EQ(repo_->config_push(push.id)->status, ConfigPushStatus::refused);
}

TEST_F(ConfigPushRunnerTest, SectionsAreNotDeliverableWhileClockAndPresetsAreReadBack) {
  start();
  const auto id = add_meter("70000001");
  add_version(id, matching_document());
  auto next = matching_document();
  next.demands.thermal_time_minutes = 30;
  const auto v2 = add_version(id, next);
  ConfigPushRequest r;
  r.meter_id = id;
  r.confirm = true;
  r.clock = true;
  r.presets = {{"counter.1", 1234.5}};
  r.requested_by = "operator";
  const auto queued = runner_->submit(r);
  EXPECT_EQ(queued.status, ConfigPushStatus::queued);
  EXPECT_EQ(queued.version, v2);
  const auto push = wait_finished(queued.id);
  const auto out = outcomes(push);
  EXPECT_EQ(out.at("demands"), "not_deliverable");
  EXPECT_EQ(out.at("clock"), "verified");
  EXPECT_EQ(out.at("presets"), "verified");
  EXPECT_EQ(out.at("read_back.primary"), "verified");
  EXPECT_EQ(out.at("read_back.load_profile"), "verified");
  EXPECT_EQ(out.at("read_back.serial"), "verified");
  EXPECT_EQ(push.status, ConfigPushStatus::partial);
  for (const auto& s : push.results) {
    if (s.section != "demands") continue;
    EXPECT_EQ(s.detail,
              "not deliverable over the configured protocols (dlms); pending on version 2");
  }
  EXPECT_EQ(meter_->clock_sets.load(), 1);
  EXPECT_EQ(meter_->preset_writes.load(), 1);
  const auto readbacks = repo_->config_readbacks(id, {0, 10});
  ASSERT_EQ(readbacks.size(), 1u);
  EXPECT_EQ(readbacks[0].trigger, "push");
  EXPECT_FALSE(readbacks[0].drift);
  // The clock readings and the preset read-back are stored like any other read.
  EXPECT_EQ(repo_->clock_readings(id, {}, {0, 10}).size(), 2u);
}

TEST_F(ConfigPushRunnerTest, MidMeterRefusesLockedSectionsAndPresetsAndTheMeterCanRefuseToo) {
  start();
  const auto id = add_meter("70000001", /*mid=*/true);
  add_version(id, matching_document());
  auto next = matching_document();
  next.demands.thermal_time_minutes = 30;
  next.identification.fields[7].value = "X";
  add_version(id, next);
  ConfigPushRequest r;
  r.meter_id = id;
  r.confirm = true;
  r.presets = {{"counter.1", 1}};
  auto push = wait_finished(runner_->submit(r).id);
  auto out = outcomes(push);
  EXPECT_EQ(out.at("demands"), "refused_mid");
  EXPECT_EQ(out.at("identification"), "not_deliverable");
  EXPECT_EQ(out.at("presets"), "refused_mid");
  EXPECT_EQ(meter_->preset_writes.load(), 0);

  // Not known to be MID: the meter's own refusal (a protocol exception) is reported.
  const auto plain = add_meter("70000002");
  add_version(plain, matching_document());
  meter_->refuse_presets = true;
  r.meter_id = plain;
  r.sections = std::vector<std::string>{};
  push = wait_finished(runner_->submit(r).id);
  out = outcomes(push);
  EXPECT_EQ(out.at("presets"), "refused_by_meter");
  EXPECT_EQ(push.status, ConfigPushStatus::refused);
}

TEST_F(ConfigPushRunnerTest, ReadBackFindsDriftAndRaisesAnAlarm) {
  start();
  const auto id = add_meter("70000001");
  auto stored = matching_document();
  stored.primary.ct_primary = 800;
  add_version(id, stored);
  const auto rb = runner_->readback_now(id, "manual");
  EXPECT_TRUE(rb.drift);
  EXPECT_EQ(rb.compared_version, 1);
  const auto diffs = json::parse(rb.differences_json).as_array();
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].at("path"), json::value("primary.ct_primary"));
  AlarmFilter f;
  f.meter_id = id;
  const auto alarms = repo_->list_alarms(f, {0, 10});
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].event_type_text, "CONFIG_DRIFT");

  // Matching again: no drift, no new alarm.
  add_version(id, matching_document());
  EXPECT_FALSE(runner_->readback_now(id, "manual").drift);
  EXPECT_EQ(repo_->list_alarms(f, {0, 10}).size(), 1u);
}

TEST_F(ConfigPushRunnerTest, WithoutAnAlarmStoreDriftIsALogEntry) {
  start(/*with_alarm_files=*/false);
  const auto id = add_meter("70000001");
  auto stored = matching_document();
  stored.load_profile.profiles[0].interval_minutes = 5;
  add_version(id, stored);
  EXPECT_TRUE(runner_->readback_now(id, "status_bit_11").drift);
  const auto events = repo_->events(id, {}, {0, 10});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].log, "config");
  EXPECT_EQ(events[0].code, "CONFIG_DRIFT");
}

TEST_F(ConfigPushRunnerTest, CfgFollowUpAndStatusBit11QueueReadBacks) {
  start();
  const auto id = add_meter("70000001");
  add_version(id, matching_document());
  EXPECT_EQ(runner_->queue_readback(id, "cfg_alarm"), "configuration read-back queued");
  EXPECT_EQ(runner_->queue_readback(999, "cfg_alarm"), "not queued: the meter is gone");
  StatusSnapshot s;
  s.points = {{"system.configuration_change", true}};
  runner_->status_observed(id, s);
  runner_->status_observed(id, s);  // still set: no second read-back
  ASSERT_TRUE(runner_->wait_idle(5s));
  const auto readbacks = repo_->config_readbacks(id, {0, 10});
  ASSERT_EQ(readbacks.size(), 2u);
  std::set<std::string> triggers{readbacks[0].trigger, readbacks[1].trigger};
  EXPECT_EQ(triggers, (std::set<std::string>{"cfg_alarm", "status_bit_11"}));
}

TEST_F(ConfigPushRunnerTest, PushesToOneMeterNeverOverlap) {
  meter_->clock_delay = 150ms;
  start();
  const auto id = add_meter("70000001");
  add_version(id, matching_document());
  ConfigPushRequest r;
  r.meter_id = id;
  r.sections = std::vector<std::string>{};
  r.clock = true;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(runner_->submit(r).id);
  std::vector<ConfigPush> done;
  for (auto i : ids) done.push_back(wait_finished(i));
  for (std::size_t i = 1; i < done.size(); ++i) {
    ASSERT_TRUE(done[i - 1].finished_at && done[i].started_at);
    EXPECT_LE(*done[i - 1].finished_at, *done[i].started_at) << "push " << i;
  }
  for (const auto& p : done) EXPECT_EQ(p.status, ConfigPushStatus::succeeded);
}

TEST_F(ConfigPushRunnerTest, UnfinishedPushesResumeAtStart) {
  const auto id = add_meter("70000001");
  add_version(id, matching_document());
  ConfigPush p;
  p.meter_id = id;
  p.version = 1;
  p.status = ConfigPushStatus::running;  // a crash left it running
  p.requested_at = utc_now();
  p.impact_json = R"({"requested_operations":{"clock":true,"presets":[],"outputs":[]}})";
  p = repo_->insert_config_push(p);
  start();
  const auto done = wait_finished(p.id);
  EXPECT_EQ(done.status, ConfigPushStatus::succeeded);
  EXPECT_EQ(outcomes(done).at("clock"), "verified");
  EXPECT_EQ(meter_->clock_sets.load(), 1);
}

}  // namespace
}  // namespace jemhead::testing
