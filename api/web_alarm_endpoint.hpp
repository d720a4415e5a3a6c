#pragma once
// The web-alarm receiver (issue 7; manual part4 §4.2–4.4): the URL a meter's 'Post
// Address' points at. POST <path> or <path>/<token>, one event per request, as
//   - application/json (the manual's sample 1 writes "Application/json"), or
//   - multipart/form-data with parts "json_msg" (the event) and "pqdif_file" (a PQDIF file).
// Answers 200 {"alarms":[ids],"message":id} only once the message is durable; refusals are
// never stored (nothing half-written) and say what is wrong: 401/403 (sender), 405, 415,
// 400 (undecodable body), 503 (storage unavailable: the meter retries). Bodies beyond the
// server's limit get 413 from net::HttpServer itself.
#include <memory>
#include <string>

#include "api/alarm_intake.hpp"
#include "api/alarm_sender_auth.hpp"
#include "core/alarm/alarm_json.hpp"
#include "net/http_server.hpp"

namespace jemhead::api {

inline constexpr const char* kDefaultWebAlarmPath = "/ingest/web-alarm";

struct WebAlarmOptions {
  std::string path = kDefaultWebAlarmPath;
  AlarmSenderPolicy senders;
  AlarmJsonLimits json_limits;
};

class WebAlarmEndpoint {
 public:
  WebAlarmEndpoint(AlarmIntake& intake, WebAlarmOptions options);

  net::HttpResponse handle(const net::HttpRequest& request) const;
  // handle() as a net::HttpHandler; the endpoint must outlive the server.
  net::HttpHandler handler() const;

 private:
  AlarmIntake& intake_;
  WebAlarmOptions options_;
};

}  // namespace jemhead::api
