#pragma once
// Where each of a meter's logs has been stored up to, and which entries of a log read are
// new. A meter stamps its log entries with a coarse clock (a JEMStar II to the second, the
// simulator to the hundredth), so several entries often share a time — a DLMS session's
// "connect" and "disconnect" do — and the newest stored time alone cannot say whether an
// entry at that time is stored. The checkpoint "events.<log>.last_time" therefore keeps the
// newest stored time and how many entries at exactly that time are stored:
// "2026-01-01T00:00:00.000000Z 2". A bare time (written before the count was kept) means
// every entry at that time is stored.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "core/time.hpp"

namespace jemhead::engine {

struct EventMark {
  UtcTime at{};
  // Entries of the log at exactly `at` that are stored; nullopt: all of them.
  std::optional<std::size_t> stored_at;
  bool operator==(const EventMark&) const = default;
};

using EventMarks = std::map<std::string, EventMark>;  // log -> mark

std::optional<EventMark> parse_event_mark(std::string_view text);
std::string format_event_mark(const EventMark& mark);
// True when `next` covers more of the log than `previous`: a later time, or more entries
// at the same time. Checkpoints only ever move this way.
bool event_mark_ahead(const EventMark& next, const EventMark& previous);

// What to ask the driver for (entries strictly after the result): just before the oldest
// mark, so the entries at a mark's own time come back and can be counted. nullopt (all the
// meter keeps) when no log has a mark.
std::optional<UtcTime> events_read_after(const EventMarks& marks);

// The entries of `read` (each log oldest first, as a meter keeps it) that `marks` do not
// cover: per log, those after the mark's time, and of those at exactly the mark's time all
// but the first `stored_at`. The marks of the logs that gained entries move to the newest
// kept time with the count of the read's entries at that time; the others stay.
std::vector<LogEvent> take_new_events(std::vector<LogEvent> read, EventMarks& marks);

}  // namespace jemhead::engine
