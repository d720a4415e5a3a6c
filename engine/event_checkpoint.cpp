#include "engine/event_checkpoint.hpp"

#include <charconv>
#include <limits>

namespace jemhead::engine {

std::optional<EventMark> parse_event_mark(std::string_view text) {
  const auto space = text.find(' ');
  const auto at = parse_iso8601(text.substr(0, space));
  if (!at) return std::nullopt;
  if (space == std::string_view::npos) return EventMark{*at, std::nullopt};
  const auto count = text.substr(space + 1);
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), n);
  if (error != std::errc{} || end != count.data() + count.size() || count.empty())
    return std::nullopt;
  return EventMark{*at, n};
}

std::string format_event_mark(const EventMark& mark) {
  auto text = format_iso8601(mark.at);
  if (mark.stored_at) {
    text += ' ';
    text += std::to_string(*mark.stored_at);
  }
  return text;
}

bool event_mark_ahead(const EventMark& next, const EventMark& previous) {
  if (next.at != previous.at) return next.at > previous.at;
  constexpr auto all = std::numeric_limits<std::size_t>::max();
  return next.stored_at.value_or(all) > previous.stored_at.value_or(all);
}

std::optional<UtcTime> events_read_after(const EventMarks& marks) {
  std::optional<UtcTime> after;
  for (const auto& [log, mark] : marks)
    if (!after || mark.at < *after) after = mark.at;
  if (after) *after -= Micros{1};
  return after;
}

std::vector<LogEvent> take_new_events(std::vector<LogEvent> read, EventMarks& marks) {
  std::map<std::string, std::size_t> at_mark;  // log -> entries at its mark's time so far
  std::map<std::string, UtcTime> newest_kept;  // log -> newest time kept
  std::vector<bool> keep(read.size(), false);
  for (std::size_t i = 0; i < read.size(); ++i) {
    const auto& e = read[i];
    if (const auto it = marks.find(e.log); it != marks.end()) {
      const auto& mark = it->second;
      if (e.event_time < mark.at) continue;
      if (e.event_time == mark.at && (!mark.stored_at || ++at_mark[e.log] <= *mark.stored_at))
        continue;
    }
    keep[i] = true;
    auto [it, fresh] = newest_kept.try_emplace(e.log, e.event_time);
    if (!fresh) it->second = std::max(it->second, e.event_time);
  }
  // Once these are stored, so is every entry of the read at a log's newest kept time (the
  // ones stored before included): that is the new count.
  for (const auto& [log, newest] : newest_kept) {
    std::size_t count = 0;
    for (const auto& e : read) count += e.log == log && e.event_time == newest;
    marks[log] = EventMark{newest, count};
  }
  std::vector<LogEvent> kept;
  for (std::size_t i = 0; i < read.size(); ++i)
    if (keep[i]) kept.push_back(std::move(read[i]));
  return kept;
}

}  // namespace jemhead::engine
