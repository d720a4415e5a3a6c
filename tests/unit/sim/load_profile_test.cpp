// The load-profile recorder (sim/load_profile/): interval alignment, values against the
// model and the registers, status flags for outages, clock sets, DST and midnight, the FIFO
// capacity, fleet-key validation and the truth route.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "sim/control_api.hpp"
#include "sim/fleet_file.hpp"
#include "sim/load_profile/lp_buffer.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim {
namespace {

namespace json = boost::json;
using std::chrono::minutes;
using std::chrono::seconds;

UtcTime at(const char* iso) {
  return *parse_iso8601(iso);
}
std::int64_t unix_s(const char* iso) {
  return to_unix_micros(at(iso)) / 1'000'000;
}

const RealClock::time_point kReal0 = RealClock::time_point{} + seconds(1000);

// A meter whose simulated time is start + (real - kReal0) (time factor 1).
struct Rig {
  explicit Rig(const std::string& meter_yaml, const char* start = "2026-01-01T00:07:13Z")
      : spec(parse_fleet("meters:\n  list:\n    - serial: \"1\"\n" + meter_yaml, "lp.yaml")
                 .meters.at(0)),
        meter(spec, at(start), kReal0),
        start_time(at(start)) {}
  RealClock::time_point real(const char* iso) const {
    return kReal0 + std::chrono::duration_cast<RealClock::duration>(at(iso) - start_time);
  }
  // Profile `index` as of simulated instant `iso`.
  LpBuffer buffer(int index, const char* iso) {
    LpBuffer out(0, 0);
    meter.read_load_profile(real(iso), [&](const SimMeter::LoadProfileView& v) {
      out = v.recorder.profile(index).buffer;
    });
    return out;
  }
  MeterSpec spec;
  SimMeter meter;
  UtcTime start_time;
};

constexpr char kOneChannel[] = R"(      integration_step: 60
      pt_ratio: 2
      ct_ratio: 3
      load_profile:
        profile1: { interval_minutes: 15, channels: ["1.0.1.29.0.255", "1.128.1.27.0.255", "1.0.34.27.0.255", "1.0.191.27.0.255"] }
        profile2: { channels: [] }
)";

TEST(SimLoadProfile, IntervalEndsAreMultiplesOfThePeriodOnTheMeterClock) {
  Rig rig("      pt_ratio: 1\n");  // default profiles: 15 and 5 minutes
  const auto p1 = rig.buffer(0, "2026-01-01T02:00:00Z");
  const auto p2 = rig.buffer(1, "2026-01-01T02:00:00Z");
  ASSERT_EQ(p1.size(), 8u);   // 00:15 .. 02:00
  ASSERT_EQ(p2.size(), 23u);  // 00:10 .. 02:00
  EXPECT_EQ(p1.channels(), 16u);
  EXPECT_EQ(p2.channels(), 9u);
  for (std::size_t i = 0; i < p1.size(); ++i) {
    EXPECT_EQ(p1.end(i), unix_s("2026-01-01T00:15:00Z") + 900 * static_cast<std::int64_t>(i));
    EXPECT_EQ(p1.status(i), 0x0001u);
  }
  EXPECT_EQ(p2.end(0), unix_s("2026-01-01T00:10:00Z"));
  EXPECT_EQ(p2.newest_end(), unix_s("2026-01-01T02:00:00Z"));
}

TEST(SimLoadProfile, ConsumptionIsTheRegisterDeltaAndAveragesTheMinuteSamples) {
  Rig rig(kOneChannel);
  const auto b = rig.buffer(0, "2026-01-01T03:00:00Z");
  ASSERT_EQ(b.size(), 12u);
  MetrologyModel model(rig.spec);
  const std::int64_t epoch = unix_s("2026-01-01T00:07:13Z");
  EnergyIntegrator same_step(model, epoch, 60), one_second(model, epoch, 1);
  for (std::size_t i = 1; i < b.size(); ++i) {  // entry 0 is the partial first interval
    const std::int64_t end = b.end(i), start = end - 900;
    const auto wh = [](EnergyIntegrator& g, std::int64_t s) {
      return g.at(s * 1'000'000)->phase[kPoly].wh_delivered;
    };
    const double delta = wh(same_step, end) - wh(same_step, start);
    EXPECT_EQ(b.values(i)[0], static_cast<float>(delta * 6)) << i;
    // Within 0.1 % of the one-second registers the meter reports.
    EXPECT_NEAR(b.values(i)[0], (wh(one_second, end) - wh(one_second, start)) * 6,
                1e-3 * delta * 6);
    // Averages: the minutes of the grid anchored at the epoch (13 s past the minute).
    double watts = 0, hz = 0;
    int n = 0;
    for (std::int64_t t = epoch + 30; t < end; t += 60)
      if (t >= start) {
        const auto v = model.instantaneous(static_cast<double>(t));
        watts += v.total.watts;
        hz += v.frequency;
        ++n;
      }
    EXPECT_EQ(n, 15);
    EXPECT_EQ(b.values(i)[1], static_cast<float>(watts / n * 6)) << i;
    EXPECT_EQ(b.values(i)[2], static_cast<float>(hz / n)) << i;
    EXPECT_EQ(b.values(i)[3], 0.0f);
    EXPECT_GT(b.values(i)[0], 0.0f);
  }
}

TEST(SimLoadProfile, OutageDropsDarkIntervalsAndFlagsTheOnesItTouches) {
  Rig rig(std::string(kOneChannel) +
          R"(        outages: [{ from: "2026-01-01T01:05:00Z", to: "2026-01-01T02:40:00Z" }]
)");
  const auto b = rig.buffer(0, "2026-01-01T03:30:00Z");
  std::vector<std::int64_t> ends;
  for (std::size_t i = 0; i < b.size(); ++i) ends.push_back(b.end(i));
  // 00:15 .. 01:15, then 02:45 .. 03:30: 01:30 to 02:30 lie wholly in the outage.
  ASSERT_EQ(b.size(), 5u + 4u);
  EXPECT_EQ(b.end(4), unix_s("2026-01-01T01:15:00Z"));
  EXPECT_EQ(b.end(5), unix_s("2026-01-01T02:45:00Z"));
  EXPECT_EQ(b.status(3), 0x0001u);
  EXPECT_EQ(b.status(4), 0x0004u);
  EXPECT_EQ(b.status(5), 0x0004u);
  EXPECT_EQ(b.status(6), 0x0001u);
  MetrologyModel model(rig.spec);
  EnergyIntegrator g(model, unix_s("2026-01-01T00:07:13Z"), 60);
  const auto wh = [&](const char* iso) {
    return g.at(to_unix_micros(at(iso)))->phase[kPoly].wh_delivered;
  };
  // Only the powered part counts.
  EXPECT_EQ(b.values(4)[0],
            static_cast<float>((wh("2026-01-01T01:05:00Z") - wh("2026-01-01T01:00:00Z")) * 6));
  EXPECT_EQ(b.values(5)[0],
            static_cast<float>((wh("2026-01-01T02:45:00Z") - wh("2026-01-01T02:40:00Z")) * 6));
}

TEST(SimLoadProfile, MidnightAndDstChangeAreFlagged) {
  Rig rig(std::string(kOneChannel) +
              R"(        dst: [{ from: "2026-01-02T02:00:00Z", to: "2026-06-01T02:00:00Z" }]
)",
          "2026-01-01T23:00:00Z");
  const auto b = rig.buffer(0, "2026-01-02T03:00:00Z");
  const std::size_t midnight = b.lower_bound(unix_s("2026-01-02T00:00:00Z"));
  const std::size_t dst = b.lower_bound(unix_s("2026-01-02T02:00:00Z"));
  EXPECT_EQ(b.status(midnight), 0x0003u);  // "Midnight Normal"
  EXPECT_EQ(b.status(dst), 0x0010u);       // (01:45, 02:00] holds the change
  EXPECT_EQ(b.status(dst - 1), 0x0001u);
  EXPECT_EQ(b.status(dst + 1), 0x0001u);
}

TEST(SimLoadProfile, ForwardTimeSetSkipsTheJumpedIntervals) {
  Rig rig(kOneChannel, "2026-01-01T00:00:00Z");
  rig.meter.set_clock(at("2026-01-01T03:20:00Z"), rig.real("2026-01-01T01:07:00Z"));
  // Meter clock = simulated + 2h13m from here.
  const auto b = rig.buffer(0, "2026-01-01T01:30:00Z");  // meter 03:43
  ASSERT_EQ(b.size(), 5u);                               // 00:15 .. 01:00, then 03:30
  EXPECT_EQ(b.end(3), unix_s("2026-01-01T01:00:00Z"));
  EXPECT_EQ(b.end(4), unix_s("2026-01-01T03:30:00Z"));
  EXPECT_EQ(b.status(4), 0x0008u);
  // The flagged interval covers simulated 01:00 to 01:17 (meter 03:30).
  MetrologyModel model(rig.spec);
  EnergyIntegrator g(model, unix_s("2026-01-01T00:00:00Z"), 60);
  const auto wh = [&](const char* iso) {
    return g.at(to_unix_micros(at(iso)))->phase[kPoly].wh_delivered;
  };
  EXPECT_EQ(b.values(4)[0],
            static_cast<float>((wh("2026-01-01T01:17:00Z") - wh("2026-01-01T01:00:00Z")) * 6));
}

TEST(SimLoadProfile, BackwardTimeSetMergesUntilTheClockPassesTheLastEnd) {
  Rig rig(kOneChannel, "2026-01-01T00:00:00Z");
  rig.meter.set_clock(at("2026-01-01T00:20:00Z"), rig.real("2026-01-01T01:07:00Z"));
  // The interval in progress (from 01:00) ends when the meter clock next reaches a
  // boundary after 01:00: meter 01:15 = simulated 02:02.
  const auto b = rig.buffer(0, "2026-01-01T02:30:00Z");  // meter 01:43
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b.end(4), unix_s("2026-01-01T01:15:00Z"));
  EXPECT_EQ(b.status(4), 0x0008u);
  EXPECT_EQ(b.end(5), unix_s("2026-01-01T01:30:00Z"));
  EXPECT_EQ(b.status(5), 0x0001u);
  for (std::size_t i = 1; i < b.size(); ++i) EXPECT_GT(b.end(i), b.end(i - 1));
  MetrologyModel model(rig.spec);
  EnergyIntegrator g(model, unix_s("2026-01-01T00:00:00Z"), 60);
  const auto wh = [&](const char* iso) {
    return g.at(to_unix_micros(at(iso)))->phase[kPoly].wh_delivered;
  };
  EXPECT_EQ(b.values(4)[0],
            static_cast<float>((wh("2026-01-01T02:02:00Z") - wh("2026-01-01T01:00:00Z")) * 6));
}

TEST(SimLoadProfile, BufferDoesNotDependOnWhenItWasRead) {
  Rig once(kOneChannel), often(kOneChannel);
  for (int m = 1; m < 600; m += 7) {
    const auto real = kReal0 + minutes(m);
    often.meter.read_load_profile(real, [](const SimMeter::LoadProfileView&) {});
  }
  const auto a = once.buffer(0, "2026-01-01T10:07:13Z");
  const auto b = often.buffer(0, "2026-01-01T10:07:13Z");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.end(i), b.end(i));
    for (std::size_t c = 0; c < a.channels(); ++c) EXPECT_EQ(a.values(i)[c], b.values(i)[c]);
  }
}

TEST(SimLoadProfile, FifoKeepsTheNewestProfileEntries) {
  EXPECT_EQ(profile_entries(6), 78624u);   // the manual's example (L16491)
  EXPECT_GE(profile_entries(16), 35040u);  // a year of 15-minute intervals
  LpBuffer b(2, 3);
  for (int i = 1; i <= 5; ++i) {
    const float v[2] = {static_cast<float>(i), -static_cast<float>(i)};
    b.push(i * 60, static_cast<std::uint32_t>(i), v);
  }
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.end(0), 180);
  EXPECT_EQ(b.status(2), 5u);
  EXPECT_EQ(b.values(0)[1], -3.0f);
  EXPECT_EQ(b.lower_bound(241), 2u);
  EXPECT_EQ(b.lower_bound(1000), 3u);
}

TEST(SimLoadProfile, TenMetersForThirtyDaysAndOneYearAreFast) {
  const auto t0 = std::chrono::steady_clock::now();
  std::uint64_t intervals = 0;
  for (int m = 0; m < 10; ++m) {
    Rig rig("      seed: " + std::to_string(m + 1) + "\n", "2026-01-01T00:00:00Z");
    rig.meter.read_load_profile(
        rig.real("2026-01-31T00:00:00Z"),
        [&](const SimMeter::LoadProfileView& v) { intervals += v.recorder.intervals_recorded(); });
  }
  const double month_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(intervals, 10u * (2880 + 8640));
  const auto t1 = std::chrono::steady_clock::now();
  Rig year("      load_profile: { profile2: { channels: [] } }\n", "2026-01-01T00:00:00Z");
  const auto b = year.buffer(0, "2027-01-01T00:00:00Z");
  const double year_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  EXPECT_EQ(b.size(), 35040u);
  std::printf(
      "[ perf ] 10 meters x 30 days: %.2f s (%.0f intervals/s); 1 meter x 1 year "
      "16 ch: %.2f s (%.0f intervals/s)\n",
      month_s, intervals / month_s, year_s, 35040 / year_s);
  EXPECT_LT(month_s, 30.0);
  EXPECT_LT(year_s, 30.0);
}

FleetError lp_error(const std::string& lp_yaml) {
  try {
    parse_fleet("meters:\n  list:\n    - serial: \"1\"\n      load_profile:\n" + lp_yaml, "f.yaml");
  } catch (const FleetError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << lp_yaml;
  return FleetError("", 0, "", "");
}

TEST(SimLoadProfileFleetKeys, RejectBadIntervalsChannelsAndSpans) {
  auto e = lp_error("        profile1: { interval_minutes: 7 }\n");
  EXPECT_EQ(e.line(), 5);
  EXPECT_NE(std::string(e.what()).find("must be one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60"),
            std::string::npos)
      << e.what();
  std::string many = "        profile2:\n          channels:\n";
  for (int i = 0; i < 17; ++i) many += "            - \"1.0.1.29.0.255\"\n";
  EXPECT_NE(std::string(lp_error(many).what()).find("at most 16 channels"), std::string::npos);
  e = lp_error(
      "        profile1:\n          channels:\n            - \"1.0.1.29.0.255\"\n            - "
      "\"1.0.32.24.124.255\"\n");
  EXPECT_EQ(e.line(), 8);
  EXPECT_EQ(e.key(), "meters.list[0].load_profile.profile1.channels[1]");
  EXPECT_NE(std::string(e.what()).find("does not model"), std::string::npos) << e.what();
  EXPECT_NE(std::string(lp_error("        profile1: { channels: [\"1.0.143.29.0.255\"] }\n").what())
                .find("two quantities"),
            std::string::npos);
  EXPECT_NE(std::string(lp_error("        profile1: { channels: [\"1.0.99.99.0.255\"] }\n").what())
                .find("not in the manual's Table 2"),
            std::string::npos);
  EXPECT_NE(std::string(lp_error("        profile1: { channels: [\"watts\"] }\n").what())
                .find("is not an OBIS code"),
            std::string::npos);
  e = lp_error(
      "        outages: [{ from: \"2026-01-02T00:00:00Z\", to: \"2026-01-01T00:00:00Z\" }]\n");
  EXPECT_EQ(e.key(), "meters.list[0].load_profile.outages[0].to");
  EXPECT_EQ(lp_error("        profile3: {}\n").key(), "meters.list[0].load_profile.profile3");
}

TEST(SimLoadProfileFleetKeys, ListEntryOverridesTheDefaultProfileByProfile) {
  const auto fleet = parse_fleet(R"(meters:
  load_profile: { profile1: { interval_minutes: 5, channels: ["1.0.1.29.0.255"] } }
  list:
    - serial: "1"
      load_profile: { profile1: { interval_minutes: 60 } }
    - serial: "2"
)",
                                 "f.yaml");
  const auto& a = *fleet.meters[0].load_profile;
  EXPECT_EQ(a.profiles[0].interval_minutes, 60);
  ASSERT_EQ(a.profiles[0].channels.size(), 1u);
  EXPECT_EQ(a.profiles[1].channels.size(), 9u);  // the default profile 2
  EXPECT_EQ(fleet.meters[1].load_profile->profiles[0].interval_minutes, 5);
}

TEST(SimLoadProfileTruth, RouteAnswersTheBufferAsSent) {
  const auto spec = parse_fleet(R"(start_time: "2026-01-01T00:00:00Z"
meters:
  list:
    - serial: "9"
      load_profile: { profile2: { channels: [] } }
)",
                                "t.yaml");
  Fleet fleet(spec, UtcTime{}, kReal0);
  auto now = kReal0 + std::chrono::hours(3);
  ControlApi api(fleet, [&] { return now; });
  net::HttpRequest r;
  r.method = "GET";
  r.path = "/meters/9/load-profile";
  r.query = {{"profile", "1"}, {"from", "2026-01-01T01:00:00Z"}, {"to", "2026-01-01T02:00:00Z"}};
  auto reply = api.handle(r);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto body = json::parse(reply.body).as_object();
  EXPECT_EQ(body.at("capture_period_s").to_number<int>(), 900);
  EXPECT_EQ(body.at("entries_in_use").to_number<int>(), 12);
  EXPECT_EQ(body.at("channels").as_array().size(), 16u);
  EXPECT_EQ(body.at("channels").as_array()[0].at("obis"), "1.0.1.29.0.255");
  const auto& intervals = body.at("intervals").as_array();
  ASSERT_EQ(intervals.size(), 5u);  // 01:00 .. 02:00 inclusive
  EXPECT_EQ(intervals[0].at("end"), "2026-01-01T01:00:00.000000Z");
  EXPECT_EQ(intervals[0].at("status").to_number<int>(), 1);
  LpBuffer b(0, 0);
  fleet.find("9")->read_load_profile(
      now, [&](const SimMeter::LoadProfileView& v) { b = v.recorder.profile(0).buffer; });
  const auto& values = intervals[1].at("values").as_array();
  ASSERT_EQ(values.size(), 16u);
  // Boost 1.81 parses doubles within ULPs (no precise mode before 1.83): the body must
  // hold the exact double's shortest text, and what parses back rounds to the same float.
  for (std::size_t c = 0; c < 16; ++c) {
    const double exact = static_cast<double>(b.values(4)[c]);
    EXPECT_NE(reply.body.find(json::serialize(json::value(exact))), std::string::npos) << c;
    EXPECT_EQ(static_cast<float>(values[c].to_number<double>()), b.values(4)[c]) << c;
  }

  r.query = {{"profile", "2"}};
  EXPECT_EQ(api.handle(r).status, 404);
  r.query = {{"profile", "3"}};
  EXPECT_EQ(api.handle(r).status, 400);
  r.path = "/meters/9";
  r.query = {};
  reply = api.handle(r);
  const auto layout = json::parse(reply.body).at("load_profile").as_object();
  EXPECT_EQ(layout.at("profiles").as_array()[0].at("profile_entries").to_number<int>(), 48384);
  EXPECT_EQ(layout.at("profiles").as_array()[1].at("installed"), false);
}

}  // namespace
}  // namespace jemhead::sim
