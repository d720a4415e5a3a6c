// The alarm JSON decoder and the mail-body scanner under hostile bytes. Invariants: no
// crash, only AlarmDecodeError thrown; whatever decodes re-encodes in the documented
// style to JSON that decodes to the same fields (the encoder can write anything the
// decoder accepts), and the sample style re-encodes to JSON that decodes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/alarm/alarm_json.hpp"

using namespace jemhead;

namespace {

bool same_fields(const AlarmEvent& a, const AlarmEvent& b) {
  return a.event_type == b.event_type && a.event_type_text == b.event_type_text &&
         a.event_time_text == b.event_time_text && a.event_time == b.event_time &&
         a.event_id == b.event_id && a.device_id == b.device_id && a.source == b.source &&
         a.owner == b.owner && a.latitude == b.latitude && a.longitude == b.longitude &&
         a.properties == b.properties && a.identification == b.identification;
}

void check_round_trip(const AlarmEvent& event) {
  AlarmJsonLimits roomy;  // encoding may escape and grow the text
  roomy.max_bytes = 64u << 20;
  roomy.max_properties = 1u << 20;
  try {
    if (!same_fields(decode_alarm_json(encode_alarm_json(event, false), roomy), event))
      std::abort();
    (void)decode_alarm_json(encode_alarm_json(event, true), roomy);
  } catch (const AlarmDecodeError&) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  AlarmJsonLimits limits;
  limits.max_bytes = 64 * 1024;
  try {
    check_round_trip(decode_alarm_json(text, limits));
  } catch (const AlarmDecodeError&) {
  }
  std::vector<std::string> problems;
  for (const AlarmEvent& event : extract_alarm_events(text, problems, limits)) {
    if (event.raw_json.empty() || event.raw_json.front() != '{') std::abort();
    check_round_trip(event);
  }
  (void)parse_alarm_event_time(text);
  return 0;
}
