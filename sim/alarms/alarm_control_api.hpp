#pragma once
// jemsim's control routes for alarm notification, next to sim/control_api.hpp:
//
//   GET  /alarms                          every alarm raised (?serial=S for one meter)
//   GET  /meters/{serial}/alarms          one meter's settings summary and alarms
//   POST /meters/{serial}/alarms/trigger  {"type": "BAT"|"TS"|"CFG"|..., "properties":
//                                         {"key": "value"}, "file": NAME (PQD only)}
//   POST /meters/{serial}/alarms/burst    {"count": N, "type": ..., ...}: N alarms 1 µs
//                                         apart, for load tests
//
// Each alarm: id, serial, type, event_time (+ _us), event_id, properties, channels, json,
// file {name, size, sha256}, and per channel (web, mail) the JSON sent and the outcome
// (state pending|sent|failed, error, http_status / mail_number, sent_at).
// handle() answers nullopt for any other route so the caller can try the next table.
#include <optional>

#include "net/http_server.hpp"
#include "sim/alarms/alarm_service.hpp"

namespace jemhead::sim {

class AlarmControlApi {
 public:
  explicit AlarmControlApi(AlarmService& service) : service_(service) {}
  std::optional<net::HttpResponse> handle(const net::HttpRequest& request) const;

  static constexpr std::size_t kMaxBurst = 100'000;

 private:
  AlarmService& service_;
};

}  // namespace jemhead::sim
