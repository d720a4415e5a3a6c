// The logs' checkpoints ("events.<log>.last_time" = newest stored time and how many entries
// at exactly that time are stored) and the choice of new entries from a log read: entries
// sharing the newest stored time are neither lost nor stored twice.
#include "engine/event_checkpoint.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "engine/reading_store.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {
namespace {

using namespace std::chrono_literals;

const UtcTime kT = *parse_iso8601("2026-03-01T10:00:00Z");

LogEvent entry(const std::string& log, UtcTime at, const std::string& code) {
  LogEvent e;
  e.log = log;
  e.event_time = at;
  e.code = code;
  return e;
}

std::vector<std::string> codes(const std::vector<LogEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.code);
  return out;
}

TEST(EventCheckpointText, TimeAndCountRoundTrip) {
  const EventMark mark{kT + 250ms, 3};
  EXPECT_EQ(format_event_mark(mark), "2026-03-01T10:00:00.250000Z 3");
  EXPECT_EQ(parse_event_mark("2026-03-01T10:00:00.250000Z 3"), mark);
  EXPECT_EQ(parse_event_mark("2026-03-01T10:00:00.250000Z 0"), (EventMark{kT + 250ms, 0}));
}

TEST(EventCheckpointText, BareTimeFromOlderDatabasesMeansAllAtThatTimeAreStored) {
  const auto mark = parse_event_mark("2026-03-01T10:00:00.000000Z");
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->at, kT);
  EXPECT_FALSE(mark->stored_at.has_value());
  EXPECT_EQ(format_event_mark(*mark), "2026-03-01T10:00:00.000000Z");
}

TEST(EventCheckpointText, DamagedValuesAreNoMark) {
  for (const char* text :
       {"", "x", "2026-03-01T10:00:00Z ", "2026-03-01T10:00:00Z x", "2026-03-01T10:00:00Z -1",
        "2026-03-01T10:00:00Z 1 2", "2026-03-01T10:00:00Z 1x", "nope 2"})
    EXPECT_FALSE(parse_event_mark(text).has_value()) << "'" << text << "'";
}

TEST(EventCheckpointOrder, LaterTimeOrMoreEntriesAtTheSameTimeIsAhead) {
  EXPECT_TRUE(event_mark_ahead({kT + 1s, 1}, {kT, 5}));
  EXPECT_FALSE(event_mark_ahead({kT, 5}, {kT + 1s, 1}));
  EXPECT_TRUE(event_mark_ahead({kT, 3}, {kT, 2}));
  EXPECT_FALSE(event_mark_ahead({kT, 2}, {kT, 2}));
  EXPECT_FALSE(event_mark_ahead({kT, 2}, {kT, 3}));
  // A bare time already covers every entry at it.
  EXPECT_FALSE(event_mark_ahead({kT, 7}, {kT, std::nullopt}));
  EXPECT_TRUE(event_mark_ahead({kT + 1s, 1}, {kT, std::nullopt}));
}

TEST(EventCheckpointReadFrom, JustBeforeTheOldestMarkOrEverythingWithoutMarks) {
  EXPECT_EQ(events_read_after({}), std::nullopt);
  const EventMarks marks{{"event", {kT + 1h, 1}}, {"security", {kT, std::nullopt}}};
  EXPECT_EQ(events_read_after(marks), kT - 1us);
}

TEST(EventCheckpointTake, SkipsTheCountedEntriesAtTheMarkAndKeepsTheRest) {
  EventMarks marks{{"ethernet", {kT, 1}}};
  const std::vector<LogEvent> read = {
      entry("ethernet", kT - 1s, "old"), entry("ethernet", kT, "connect-1"),
      entry("ethernet", kT, "disconnect-1"), entry("ethernet", kT, "connect-2")};
  const auto kept = take_new_events(read, marks);
  EXPECT_EQ(codes(kept), (std::vector<std::string>{"disconnect-1", "connect-2"}));
  EXPECT_EQ(marks.at("ethernet"), (EventMark{kT, 3}));
  // The same read again: nothing new, the mark stays.
  EXPECT_TRUE(take_new_events(read, marks).empty());
  EXPECT_EQ(marks.at("ethernet"), (EventMark{kT, 3}));
}

TEST(EventCheckpointTake, CountsEveryEntryAtTheNewestKeptTime) {
  EventMarks marks{{"ethernet", {kT, 2}}};
  const auto kept =
      take_new_events({entry("ethernet", kT, "a"), entry("ethernet", kT, "b"),
                       entry("ethernet", kT + 1s, "c"), entry("ethernet", kT + 1s, "d")},
                      marks);
  EXPECT_EQ(codes(kept), (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(marks.at("ethernet"), (EventMark{kT + 1s, 2}));
}

TEST(EventCheckpointTake, BareMarkSkipsEverythingAtItsTime) {
  EventMarks marks{{"ethernet", {kT, std::nullopt}}};
  const auto kept = take_new_events(
      {entry("ethernet", kT, "a"), entry("ethernet", kT, "b"), entry("ethernet", kT + 1s, "c")},
      marks);
  EXPECT_EQ(codes(kept), (std::vector<std::string>{"c"}));
  EXPECT_EQ(marks.at("ethernet"), (EventMark{kT + 1s, 1}));
  EventMarks unchanged{{"ethernet", {kT, std::nullopt}}};
  EXPECT_TRUE(take_new_events({entry("ethernet", kT, "a")}, unchanged).empty());
  EXPECT_EQ(unchanged.at("ethernet"), (EventMark{kT, std::nullopt}));
}

TEST(EventCheckpointTake, EachLogCountsAgainstItsOwnMark) {
  EventMarks marks{{"event", {kT + 1h, 1}}, {"security", {kT, 1}}};
  const auto kept = take_new_events({entry("security", kT, "S1"), entry("event", kT, "E0"),
                                     entry("security", kT, "S2"), entry("event", kT + 1h, "E1"),
                                     entry("event", kT + 1h, "E2"), entry("status", kT - 1h, "X1")},
                                    marks);
  EXPECT_EQ(codes(kept), (std::vector<std::string>{"S2", "E2", "X1"}));
  EXPECT_EQ(marks.at("event"), (EventMark{kT + 1h, 2}));
  EXPECT_EQ(marks.at("security"), (EventMark{kT, 2}));
  EXPECT_EQ(marks.at("status"), (EventMark{kT - 1h, 1}));  // a log without a mark: all new
}

TEST(EventCheckpointStore, CheckpointOnlyMovesAhead) {
  auto repo = storage::open_sqlite({":memory:"});
  Meter m;
  m.serial = "EVCP-1";
  const auto meter = repo->insert_meter(m);
  const auto key = events_checkpoint_key("ethernet");
  const auto store = [&](EventMark mark) {
    repo->transact([&](storage::Store& s) { store_events(s, meter, {}, {{"ethernet", mark}}); });
    return repo->checkpoint(meter, key);
  };
  EXPECT_EQ(store({kT, 2}), "2026-03-01T10:00:00.000000Z 2");
  EXPECT_EQ(store({kT, 3}), "2026-03-01T10:00:00.000000Z 3");
  EXPECT_EQ(store({kT, 1}), "2026-03-01T10:00:00.000000Z 3");       // fewer: stale
  EXPECT_EQ(store({kT - 1s, 9}), "2026-03-01T10:00:00.000000Z 3");  // older: stale
  EXPECT_EQ(store({kT + 1s, 1}), "2026-03-01T10:00:01.000000Z 1");
  repo->set_checkpoint(meter, key, "2026-03-01T10:00:01.000000Z");  // an older database's
  EXPECT_EQ(store({kT + 1s, 4}), "2026-03-01T10:00:01.000000Z");
  EXPECT_EQ(store({kT + 2s, 1}), "2026-03-01T10:00:02.000000Z 1");
  repo->close();
}

}  // namespace
}  // namespace jemhead::engine
