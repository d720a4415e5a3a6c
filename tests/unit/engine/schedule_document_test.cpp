// Schedules documents as the API stores them, and how a meter's effective schedules are
// resolved from its group's and its own.
#include "engine/schedule_document.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jemhead::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

UtcTime at(const char* iso) {
  const auto t = parse_iso8601(iso);
  if (!t) throw std::invalid_argument(iso);
  return *t;
}

std::vector<std::string> fields_of(const Validation& v) {
  std::vector<std::string> out;
  for (const auto& e : v.errors()) out.push_back(e.field);
  return out;
}

ScheduleSource source(std::int64_t meter, std::string group_json, std::string meter_json,
                      std::string zone = "UTC") {
  ScheduleSource s;
  s.meter_id = meter;
  s.group_id = 1;
  s.time_zone = std::move(zone);
  s.group_schedules_json = std::move(group_json);
  s.meter_schedules_json = std::move(meter_json);
  return s;
}

std::vector<JobKind> kinds_of(const std::vector<ResolvedSchedule>& schedules) {
  std::vector<JobKind> out;
  for (const auto& s : schedules) out.push_back(s.kind);
  return out;
}

// --- validate_schedules -------------------------------------------------------------

TEST(EngineRuntimeValidateSchedules, AcceptsEveryScheduleForm) {
  const auto v = validate_schedules(
      R"({"registers": {"every_minutes": 15},
          "status": {"cron": "0 */5 * * * *", "time_zone": "Europe/Berlin"},
          "pqdif": {"pqdif": "daily", "at": "02:00"},
          "events": {"every_minutes": 60, "misfire": "skip", "max_jitter_seconds": 30}})",
      "schedules", false);
  EXPECT_TRUE(v.ok()) << v.summary();
}

TEST(EngineRuntimeValidateSchedules, EmptyTextAndEmptyObjectAreNoSchedules) {
  EXPECT_TRUE(validate_schedules("", "schedules", false).ok());
  EXPECT_TRUE(validate_schedules("{}", "schedules", true).ok());
}

TEST(EngineRuntimeValidateSchedules, RefusesTextThatIsNotAnObject) {
  auto v = validate_schedules("[1, 2]", "schedules", false);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "schedules");
  EXPECT_EQ(v.errors()[0].message, "must be an object from job kind to schedule");

  v = validate_schedules("{\"registers\": ", "schedules", false);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "schedules");
  EXPECT_EQ(v.errors()[0].message.rfind("not valid JSON: ", 0), 0u) << v.errors()[0].message;
}

TEST(EngineRuntimeValidateSchedules, RefusesOversizedDocuments) {
  std::string big = R"({"registers": {"every_minutes": 15}, "x": ")";
  big += std::string(kMaxSchedulesJsonBytes, 'a') + "\"}";
  const auto v = validate_schedules(big, "schedules", false);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "schedules");
  EXPECT_EQ(v.errors()[0].message, "at most 16384 bytes");
}

TEST(EngineRuntimeValidateSchedules, NamesUnknownKindsAndNonObjectSchedules) {
  const auto v = validate_schedules(
      R"({"voltage": {"every_minutes": 15}, "registers": 15, "status": "0 * * * * *"})",
      "schedules", false);
  EXPECT_EQ(fields_of(v), (std::vector<std::string>{"schedules/voltage", "schedules/registers",
                                                    "schedules/status"}));
  EXPECT_NE(v.errors()[0].message.find("unknown job kind"), std::string::npos);
  EXPECT_NE(v.errors()[0].message.find("load_profile"), std::string::npos);  // lists kinds
  EXPECT_EQ(v.errors()[1].message, R"(must be a schedule object, e.g. {"every_minutes": 15})");
}

TEST(EngineRuntimeValidateSchedules, NamesTheBadCronFieldInThePath) {
  const auto v = validate_schedules(R"({"status": {"cron": "0 61 * * * *"}})", "schedules", false);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "schedules/status/cron minute");
  EXPECT_NE(v.errors()[0].message.find("'61'"), std::string::npos) << v.errors()[0].message;
}

TEST(EngineRuntimeValidateSchedules, NamesTheBadSpecKey) {
  const auto v = validate_schedules(
      R"({"registers": {"every_minutes": 0},
          "pqdif": {"pqdif": "weekly", "at": "03:30"},
          "status": {"every_minutes": 5, "colour": "red"}})",
      "meters/schedules", false);
  EXPECT_EQ(fields_of(v), (std::vector<std::string>{"meters/schedules/registers/every_minutes",
                                                    "meters/schedules/pqdif/weekday",
                                                    "meters/schedules/status/schedule"}));
}

TEST(EngineRuntimeValidateSchedules, DisableOverrideOnlyForMeters) {
  const std::string off = R"({"status": {"enabled": false}})";
  EXPECT_TRUE(validate_schedules(off, "schedules", true).ok());
  const auto group = validate_schedules(off, "schedules", false);
  EXPECT_EQ(fields_of(group), std::vector<std::string>{"schedules/status/schedule"});

  // Only the exact form is an override: `true` alone or a non-bool is a (bad) spec.
  EXPECT_FALSE(validate_schedules(R"({"status": {"enabled": true}})", "schedules", true).ok());
  EXPECT_FALSE(validate_schedules(R"({"status": {"enabled": 0}})", "schedules", true).ok());
  // A disabled full spec is valid for both.
  const std::string disabled_spec = R"({"status": {"every_minutes": 5, "enabled": false}})";
  EXPECT_TRUE(validate_schedules(disabled_spec, "schedules", false).ok());
  EXPECT_TRUE(validate_schedules(disabled_spec, "schedules", true).ok());
}

// --- ScheduleResolver ----------------------------------------------------------------

const std::string kGroup =
    R"({"registers": {"every_minutes": 15}, "status": {"cron": "0 */5 * * * *"}})";

TEST(EngineRuntimeScheduleResolver, GroupSchedulesApplyInKindOrder) {
  ScheduleResolver resolver;
  std::vector<std::string> problems;
  const auto schedules = resolver.resolve(
      source(1, R"({"pqdif": {"pqdif": "hourly"}, "registers": {"every_minutes": 15}})", "{}"),
      &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(kinds_of(schedules), (std::vector<JobKind>{JobKind::registers, JobKind::pqdif}));
  ASSERT_TRUE(schedules[0].spec.schedule);
  EXPECT_EQ(schedules[0].spec.schedule->next_after(at("2026-01-15T12:01:00Z")),
            at("2026-01-15T12:15:00Z"));
}

TEST(EngineRuntimeScheduleResolver, MeterEntryReplacesTheGroupsForThatKind) {
  ScheduleResolver resolver;
  const auto schedules = resolver.resolve(
      source(1, kGroup, R"({"registers": {"every_minutes": 5}, "events": {"every_minutes": 60}})"));
  ASSERT_EQ(kinds_of(schedules),
            (std::vector<JobKind>{JobKind::registers, JobKind::status, JobKind::events}));
  const auto t = at("2026-01-15T12:01:00Z");
  EXPECT_EQ(schedules[0].spec.schedule->next_after(t), at("2026-01-15T12:05:00Z"));  // meter's
  EXPECT_EQ(schedules[1].spec.schedule->next_after(t), at("2026-01-15T12:05:00Z"));  // group's
  EXPECT_EQ(schedules[2].spec.schedule->next_after(t), at("2026-01-15T13:00:00Z"));
}

TEST(EngineRuntimeScheduleResolver, DisableOverrideRemovesTheGroupsKind) {
  ScheduleResolver resolver;
  auto schedules = resolver.resolve(source(1, kGroup, R"({"status": {"enabled": false}})"));
  EXPECT_EQ(kinds_of(schedules), std::vector<JobKind>{JobKind::registers});

  // Switching off a kind the group does not schedule changes nothing.
  schedules = resolver.resolve(source(1, kGroup, R"({"pqdif": {"enabled": false}})"));
  EXPECT_EQ(kinds_of(schedules), (std::vector<JobKind>{JobKind::registers, JobKind::status}));

  // In a group document the same text is not an override: it is a spec that does not parse.
  std::vector<std::string> problems;
  schedules = resolver.resolve(source(1, R"({"status": {"enabled": false}})", "{}"), &problems);
  EXPECT_TRUE(schedules.empty());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("status: schedule: ", 0), 0u) << problems[0];
}

TEST(EngineRuntimeScheduleResolver, MeterTimeZoneIsTheDefaultZone) {
  ScheduleResolver resolver;
  const std::string group =
      R"({"pqdif": {"pqdif": "daily", "at": "02:00"}, "status": {"cron": "0 30 6 * * *"},
          "events": {"cron": "0 0 2 * * *", "time_zone": "UTC"}})";
  const auto berlin = resolver.resolve(source(1, group, "{}", "Europe/Berlin"));
  ASSERT_EQ(kinds_of(berlin),
            (std::vector<JobKind>{JobKind::status, JobKind::events, JobKind::pqdif}));
  // Winter: CET is UTC+1; summer: CEST is UTC+2.
  EXPECT_EQ(berlin[2].spec.schedule->next_after(at("2026-01-15T12:00:00Z")),
            at("2026-01-16T01:00:00Z"));
  EXPECT_EQ(berlin[2].spec.schedule->next_after(at("2026-07-15T12:00:00Z")),
            at("2026-07-16T00:00:00Z"));
  EXPECT_EQ(berlin[0].spec.schedule->next_after(at("2026-01-15T12:00:00Z")),
            at("2026-01-16T05:30:00Z"));
  // The spec's own zone wins over the meter's.
  EXPECT_EQ(berlin[1].spec.schedule->next_after(at("2026-01-15T12:00:00Z")),
            at("2026-01-16T02:00:00Z"));

  // A meter without a zone is on UTC.
  const auto utc = resolver.resolve(source(2, group, "{}", ""));
  ASSERT_EQ(utc.size(), 3u);
  EXPECT_EQ(utc[2].spec.schedule->next_after(at("2026-01-15T12:00:00Z")),
            at("2026-01-16T02:00:00Z"));
}

TEST(EngineRuntimeScheduleResolver, MetersOfOneGroupAndZoneShareOneScheduleObject) {
  ScheduleResolver resolver;
  const auto a = resolver.resolve(source(1, kGroup, "{}", "Europe/Berlin"));
  const auto b = resolver.resolve(source(2, kGroup, "{}", "Europe/Berlin"));
  const auto other_zone = resolver.resolve(source(3, kGroup, "{}", "America/New_York"));
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  ASSERT_EQ(other_zone.size(), 2u);
  EXPECT_EQ(a[0].spec.schedule.get(), b[0].spec.schedule.get());
  EXPECT_EQ(a[1].spec.schedule.get(), b[1].spec.schedule.get());
  EXPECT_NE(a[0].spec.schedule.get(), a[1].spec.schedule.get());
  EXPECT_NE(a[0].spec.schedule.get(), other_zone[0].spec.schedule.get());
  // The same spec as a meter's own entry is the same text: shared too.
  const auto own =
      resolver.resolve(source(4, "{}", R"({"registers": {"every_minutes": 15}})", "Europe/Berlin"));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].spec.schedule.get(), a[0].spec.schedule.get());
}

TEST(EngineRuntimeScheduleResolver, ReportsBadStoredDocumentsAndKeepsTheRest) {
  ScheduleResolver resolver;
  std::vector<std::string> problems;
  auto schedules =
      resolver.resolve(source(1, "not json", R"({"status": {"every_minutes": 5}})"), &problems);
  EXPECT_EQ(kinds_of(schedules), std::vector<JobKind>{JobKind::status});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("schedules: not valid JSON: ", 0), 0u) << problems[0];

  problems.clear();
  schedules =
      resolver.resolve(source(1, kGroup, R"({"registers": {"cron": "0 61 * * * *"}})"), &problems);
  EXPECT_EQ(kinds_of(schedules), std::vector<JobKind>{JobKind::status});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("registers: cron minute: bad token '61'", 0), 0u) << problems[0];

  // Without a problems list the bad entry is still left out.
  schedules = resolver.resolve(source(1, kGroup, R"({"registers": {"cron": "0 61 * * * *"}})"));
  EXPECT_EQ(kinds_of(schedules), std::vector<JobKind>{JobKind::status});

  // A meter whose stored document is an array (not an object) has none of its own.
  problems.clear();
  schedules = resolver.resolve(source(1, kGroup, "[]"), &problems);
  EXPECT_EQ(kinds_of(schedules), (std::vector<JobKind>{JobKind::registers, JobKind::status}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "schedules: must be an object from job kind to schedule");
}

}  // namespace
}  // namespace jemhead::engine
