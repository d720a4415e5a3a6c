#pragma once
// Text helpers shared by the alarm JSON decoder, encoder and mail-body scanner (internal to
// core/alarm; not part of its interface).
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::alarm_text {

std::string_view trim(std::string_view s);
std::string upper_ascii(std::string_view s);

// A key as compared with the documented ones: ASCII letters lower-cased, everything but
// letters and digits dropped, so "EventType", "eventtype", "Location/Lat" and
// "Location(Lat)" meet as "eventtype", "locationlat".
std::string compact_key(std::string_view key);

// Text from the message as UTF-8. Bytes that are not UTF-8 are read as Latin-1 (a label
// typed on an older tool), with a problem naming `field`, so the text is never lost.
std::string read_text(std::string_view s, std::string_view field,
                      std::vector<std::string>& problems);

// A JSON number as text, shortest form that reads back to the same double ("0.092").
std::string number_text(double d);

}  // namespace jemhead::alarm_text
