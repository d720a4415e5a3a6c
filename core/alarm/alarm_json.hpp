#pragma once
// Decoding the meter's alarm JSON (one event) and finding the events in an e-mail body.
// Input is hostile: sizes and nesting are bounded, nothing recurses without a limit, and a
// bad message gets an error saying what is wrong, never a crash.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/alarm/alarm_event.hpp"

namespace jemhead {

struct AlarmDecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AlarmJsonLimits {
  std::size_t max_bytes = 256 * 1024;  // one event's JSON
  std::size_t max_depth = 8;
  std::size_t max_properties = 256;
};

// One event. Throws AlarmDecodeError when the text is not a JSON object (saying where it
// stops being one) or breaks a limit. Missing or odd fields are not errors: they are left
// empty and listed in AlarmEvent::problems. Keys are matched case-insensitively and with
// the spellings the manual uses ("Location/Lat", "Location(Lat)", "Location": {"Lat"}).
AlarmEvent decode_alarm_json(std::string_view text, const AlarmJsonLimits& limits = {});

// ISO 8601 as the meter writes it: "2020-07-12T18:15:00.618369Z", 0 to 9 fractional
// digits (beyond 6 truncated to microseconds), Z or an offset (+hh:mm, +hhmm, +hh), 'T' or
// a space between date and time. nullopt for anything else.
std::optional<UtcTime> parse_alarm_event_time(std::string_view text);

// The events in an e-mail's text (the manual does not document the mail body, part4 §13
// item 12): every top-level JSON object found in it, in order. A mail may batch several
// events (Frequency 1–60 min). Objects that do not decode are reported in `problems` and
// skipped; text around them is ignored.
std::vector<AlarmEvent> extract_alarm_events(std::string_view text,
                                             std::vector<std::string>& problems,
                                             const AlarmJsonLimits& limits = {});

// Writes an event back as the meter would (jemsim's notifier, tests). `sample_style`
// follows the manual's samples (flat identification labels, "Location(Lat)" strings,
// nested Properties, no DeviceId/EventId); otherwise the documented schema.
std::string encode_alarm_json(const AlarmEvent& event, bool sample_style);

}  // namespace jemhead
