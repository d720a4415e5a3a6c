#pragma once
// A fake DLMS-like meter for the engine and API tests of load profile, clock and logs: a
// driver whose sessions generate 15-minute intervals from a start time up to the meter's
// present (the head-end's clock plus an offset), leave out outage intervals and flag the
// interval after an outage, keep a clock that set_clock corrects, and can drop the link on
// the Nth load-profile request or hold that request until the test releases it. Everything
// it does is recorded for the test to check.
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

#include "drivers/driver.hpp"

namespace jemhead::testing {

struct FakeNotPresent : drivers::DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "not_present"; }
};

struct FakeLpMeter {
  std::mutex mutex;
  Micros clock_offset{0};  // meter clock minus head-end clock
  UtcTime lp_start{};      // the first interval end the meter keeps
  std::uint32_t period_s = 900;
  std::size_t channels = 2;
  std::vector<std::pair<UtcTime, UtcTime>> outages;  // interval ends in [first, last] missing
  bool has_profile_2 = false;
  std::string channel_1_obis = "1.0.1.29.0.255";
  int fail_on_lp_call = 0;  // 1-based; 0: never
  int hold_on_lp_call = 0;  // 1-based; 0: never. That request waits for `released`.
  std::atomic<bool> held{false};
  std::atomic<bool> released{false};
  int lp_calls = 0;
  std::vector<drivers::LoadProfileRequest> requests;
  int set_clock_calls = 0;
  int read_clock_calls = 0;
  std::vector<LogEvent> events;  // the meter's logs, oldest first
  std::vector<std::optional<UtcTime>> event_reads;

  static double value_of(std::uint8_t profile, std::uint16_t channel, UtcTime end) {
    const auto seconds = to_unix_micros(end) / 1'000'000;
    return static_cast<double>(seconds % 100000) / 8.0 + channel * 1000.0 + profile * 0.5;
  }

  LoadProfileLayout layout(std::uint8_t profile) const {
    LoadProfileLayout l;
    l.profile = profile;
    l.capture_period_s = period_s;
    for (std::size_t c = 1; c <= channels; ++c) {
      LoadProfileChannel ch;
      ch.channel = static_cast<std::uint16_t>(c);
      ch.obis = c == 1 ? channel_1_obis : "1.0." + std::to_string(c) + ".29.0.255";
      ch.quantity = "quantity_" + std::to_string(c);
      ch.phase = "total";
      ch.description = "Channel " + std::to_string(c) + " delivered";
      ch.unit = c == 1 ? "kWh" : "kvarh";
      l.channels.push_back(ch);
    }
    return l;
  }

  bool in_outage(UtcTime end) const {
    for (const auto& [a, b] : outages)
      if (end >= a && end <= b) return true;
    return false;
  }

  // Every value the meter keeps of `profile` with interval end in (after, to].
  std::vector<LoadProfileValue> truth(std::uint8_t profile, std::optional<UtcTime> after,
                                      UtcTime to) const {
    std::vector<LoadProfileValue> out;
    bool after_outage = false;
    for (UtcTime t = lp_start; t <= to; t += std::chrono::seconds(period_s)) {
      if (in_outage(t)) {
        after_outage = true;
        continue;
      }
      const bool flagged = after_outage;
      after_outage = false;
      if (after && t <= *after) continue;
      for (std::size_t c = 1; c <= channels; ++c) {
        LoadProfileValue v;
        v.profile = profile;
        v.channel = static_cast<std::uint16_t>(c);
        v.interval_end = t;
        v.value = value_of(profile, v.channel, t);
        v.status = flagged ? interval_flag::power_outage : 0;
        out.push_back(v);
      }
    }
    return out;
  }

  UtcTime meter_now() const { return utc_now() + clock_offset; }
};

class FakeLpSession final : public drivers::Session {
 public:
  explicit FakeLpSession(std::shared_ptr<FakeLpMeter> meter) : meter_(std::move(meter)) {}

  drivers::Task<ClockReading> read_clock() override {
    std::lock_guard lock(meter_->mutex);
    ++meter_->read_clock_calls;
    co_return reading();
  }
  drivers::Task<ClockReading> set_clock() override {
    std::lock_guard lock(meter_->mutex);
    ++meter_->set_clock_calls;
    meter_->clock_offset = Micros{0};
    co_return reading();
  }
  drivers::Task<drivers::LoadProfileRead> read_load_profile(
      drivers::LoadProfileRequest request) override {
    bool hold = false;
    {
      std::lock_guard lock(meter_->mutex);
      hold = meter_->lp_calls + 1 == meter_->hold_on_lp_call;
    }
    if (hold) {  // polls, so the I/O thread (and the engine's commits) run meanwhile
      meter_->held = true;
      const auto executor = co_await boost::asio::this_coro::executor;
      boost::asio::steady_timer timer(executor);
      while (!meter_->released) {
        timer.expires_after(std::chrono::milliseconds(2));
        co_await timer.async_wait(boost::asio::use_awaitable);
      }
    }
    std::lock_guard lock(meter_->mutex);
    ++meter_->lp_calls;
    meter_->requests.push_back(request);
    if (meter_->lp_calls == meter_->fail_on_lp_call)
      throw drivers::ConnectionFailed("link dropped in the middle of a block transfer");
    if (request.profile == 2 && !meter_->has_profile_2)
      throw FakeNotPresent("the meter has no load profile 2");
    drivers::LoadProfileRead read;
    read.layout = meter_->layout(request.profile);
    const auto present = meter_->meter_now();
    read.values = meter_->truth(request.profile, request.after,
                                request.to ? std::min(*request.to, present) : present);
    read.intervals = read.values.size() / meter_->channels;
    co_return read;
  }
  drivers::Task<std::vector<LogEvent>> read_events(std::optional<UtcTime> after) override {
    std::lock_guard lock(meter_->mutex);
    meter_->event_reads.push_back(after);
    std::vector<LogEvent> out;
    for (const auto& e : meter_->events)
      if (!after || e.event_time > *after) out.push_back(e);
    co_return out;
  }
  drivers::Task<void> close() override { co_return; }

 private:
  ClockReading reading() const {
    ClockReading r;
    r.head_end_time = utc_now();
    r.meter_time = r.head_end_time + meter_->clock_offset;
    r.source = "dlms";
    return r;
  }
  std::shared_ptr<FakeLpMeter> meter_;
};

// Registered as the DLMS driver. A profile whose options say {"client": "reader"} cannot
// set the clock (as a read-only DLMS client cannot).
class FakeLpDriver final : public drivers::Driver {
 public:
  explicit FakeLpDriver(std::shared_ptr<FakeLpMeter> meter) : meter_(std::move(meter)) {}
  Protocol protocol() const override { return Protocol::dlms; }
  CapabilitySet capabilities() const override {
    return {Capability::read_load_profile, Capability::read_clock, Capability::set_clock,
            Capability::read_events};
  }
  CapabilitySet capabilities_for(const ConnectionProfile& profile) const override {
    if (profile.options_json.find("reader") == std::string::npos) return capabilities();
    return {Capability::read_load_profile, Capability::read_clock, Capability::read_events};
  }
  Validation validate_options(const ConnectionProfile&) const override { return {}; }
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter&, const ConnectionProfile&,
                                                        drivers::Executor) const override {
    co_return std::make_unique<FakeLpSession>(meter_);
  }

 private:
  std::shared_ptr<FakeLpMeter> meter_;
};

// An interval end on the period grid at or before `t`.
inline UtcTime grid_floor(UtcTime t, std::uint32_t period_s) {
  const auto us = to_unix_micros(t);
  const std::int64_t p = static_cast<std::int64_t>(period_s) * 1'000'000;
  return from_unix_micros(us - ((us % p) + p) % p);
}

}  // namespace jemhead::testing
