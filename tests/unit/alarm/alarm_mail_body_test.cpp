// Finding the events in an e-mail's text: several batched events, prose around them.
#include <gtest/gtest.h>

#include "core/alarm/alarm_json.hpp"
#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead {
namespace {

TEST(AlarmMailBody, TwoEventsWithGarbageBetween) {
  std::string text = "JEMStar II alarm notification\r\n\r\n";
  const std::size_t first_at = text.size();
  text += test::kManualSample2;
  text += "\r\n-- next event {not json} and a \"quote\" and a stray } --\r\n";
  const std::size_t garbage_at = text.find("{not json}");
  text += R"j({"EventType":"OU","EventTime":"2020-07-12T18:20:00Z","Properties":{"a}{\"":"v"}})j";
  text += "\r\nRegards,\r\nthe meter\r\n";

  std::vector<std::string> problems;
  const auto events = extract_alarm_events(text, problems);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_type, AlarmEventType::SS);
  EXPECT_EQ(events[0].raw_json, test::kManualSample2.substr(0, test::kManualSample2.size() - 2));
  EXPECT_EQ(events[1].event_type, AlarmEventType::OU);
  ASSERT_EQ(events[1].properties.size(), 1u);
  EXPECT_EQ(events[1].properties[0].first, "a}{\"");  // braces inside strings are text
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind(
                "object at byte " + std::to_string(garbage_at) + ": alarm JSON is not valid", 0),
            0u)
      << problems[0];
  EXPECT_LT(first_at, garbage_at);
}

TEST(AlarmMailBody, UnclosedBraceDoesNotHideLaterEvents) {
  const std::string text =
      "oops { this never closes\n{\"EventType\":\"TS\",\"EventTime\":\"2020-07-12T18:20:00Z\"}\n";
  std::vector<std::string> problems;
  const auto events = extract_alarm_events(text, problems);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event_type, AlarmEventType::TS);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "an object starting at byte 5 is never closed");
}

TEST(AlarmMailBody, ObjectsThatAreNotEventsAreSkipped) {
  std::vector<std::string> problems;
  const auto events = extract_alarm_events("{} and {\"x\":1}", problems);
  EXPECT_TRUE(events.empty());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[1],
            "object at byte 7: no EventType or EventTime, not an alarm event; skipped");
}

TEST(AlarmMailBody, ProblemListIsBounded) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "{x}";
  std::vector<std::string> problems;
  EXPECT_TRUE(extract_alarm_events(text, problems).empty());
  ASSERT_EQ(problems.size(), 33u);
  EXPECT_EQ(problems.back(), "and 968 more problems");
}

TEST(AlarmMailBody, NoObjectsNoEvents) {
  std::vector<std::string> problems;
  EXPECT_TRUE(extract_alarm_events("just text } with a closing brace", problems).empty());
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace jemhead
