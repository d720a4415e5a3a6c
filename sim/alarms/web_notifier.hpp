#pragma once
// The meter's WEB Service notification (part4 §4.2–4.3): one event per POST, blocking, as
// libcurl sends it (the meter's samples show curl/7.68.0): JSON with Content-Type
// application/json, or multipart/form-data with the parts "json_msg" and "pqdif_file" (the
// file, named) when a PQDIF file goes with the event. Like curl 7.68, bodies over 1 KiB
// ask for "Expect: 100-continue". No retry: the manual describes none, so a failure is
// only recorded.
#include <string>

#include "sim/alarms/alarm_spec.hpp"

namespace jemhead::sim {

struct WebAlarmPost {
  std::string json;
  std::string file_name;  // empty: JSON only
  const std::string* file_bytes = nullptr;
};

struct WebAlarmResult {
  bool sent = false;  // a 2xx answer
  long http_status = 0;
  std::string error;      // curl's words, or "HTTP <status>"; "" when sent
  bool insecure = false;  // 'enable' mode fell back to an unauthenticated connection
  std::string content_type;
};

WebAlarmResult post_web_alarm(const WebAlarmSpec& spec, const WebAlarmPost& post);

}  // namespace jemhead::sim
