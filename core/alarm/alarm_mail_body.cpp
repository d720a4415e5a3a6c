// Finding the alarm events in an e-mail's text. The manual does not document the mail
// body (part4 §13 item 12), so every top-level JSON object in it is a candidate event and
// the prose around them is ignored.
//
// One pass, no recursion: a stack of the positions of unclosed '{' and the list of closed
// objects not inside another closed one. A stray '{' in the prose that never closes does
// not hide the events after it: objects closed inside it still count as top level.
#include <vector>

#include "core/alarm/alarm_json.hpp"

namespace jemhead {

namespace {

struct Span {
  std::size_t begin, end;  // [begin, end): '{' ... '}'
};

// Problems beyond this many are counted, not listed: a mail full of braces must not turn
// into a huge problem list.
constexpr std::size_t kMaxListedProblems = 32;

std::vector<Span> top_level_objects(std::string_view text, std::size_t& first_unclosed,
                                    bool& unclosed) {
  std::vector<std::size_t> open;
  std::vector<Span> closed;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (open.empty()) {  // prose: only an opening brace matters
      if (c == '{') open.push_back(i);
      continue;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      open.push_back(i);
    } else if (c == '}') {
      const std::size_t begin = open.back();
      open.pop_back();
      while (!closed.empty() && closed.back().begin > begin) closed.pop_back();
      closed.push_back({begin, i + 1});
      if (open.empty()) in_string = false;
    }
  }
  unclosed = !open.empty();
  if (unclosed) first_unclosed = open.front();
  return closed;
}

}  // namespace

std::vector<AlarmEvent> extract_alarm_events(std::string_view text,
                                             std::vector<std::string>& problems,
                                             const AlarmJsonLimits& limits) {
  std::vector<AlarmEvent> events;
  std::size_t listed = 0, skipped = 0;
  const auto report = [&](std::string problem) {
    if (listed < kMaxListedProblems) {
      ++listed;
      problems.push_back(std::move(problem));
    } else {
      ++skipped;
    }
  };

  std::size_t first_unclosed = 0;
  bool unclosed = false;
  for (const Span& span : top_level_objects(text, first_unclosed, unclosed)) {
    std::string at = "object at byte ";
    at += std::to_string(span.begin);
    try {
      AlarmEvent event = decode_alarm_json(text.substr(span.begin, span.end - span.begin), limits);
      // "{}" or "{name}"-like prose that happens to be JSON is not an alarm.
      if (event.event_type_text.empty() && event.event_time_text.empty()) {
        report(at + ": no EventType or EventTime, not an alarm event; skipped");
        continue;
      }
      events.push_back(std::move(event));
    } catch (const AlarmDecodeError& e) {
      report(at + ": " + e.what() + "; skipped");
    }
  }
  if (unclosed) {
    std::string problem = "an object starting at byte ";
    problem += std::to_string(first_unclosed);
    problem += " is never closed";
    report(std::move(problem));
  }
  if (skipped > 0) {
    std::string problem = "and ";
    problem += std::to_string(skipped);
    problem += " more problems";
    problems.push_back(std::move(problem));
  }
  return events;
}

}  // namespace jemhead
