#pragma once
// One alarm a simulated meter raised, and what became of it on each channel: the truth
// jemhead's stored alarms are compared with (GET /alarms on the control endpoint).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/alarm/alarm_event.hpp"
#include "core/time.hpp"

namespace jemhead::sim {

enum class DeliveryState { pending, sent, failed };

struct AlarmDelivery {
  DeliveryState state = DeliveryState::pending;
  std::string json;                // the event's JSON as this channel sends it
  std::string content_type;        // web: application/json or multipart/form-data
  long http_status = 0;            // web: the answer's status (0 = none)
  std::string error;               // why it failed (curl's words or the status); "" when sent
  bool insecure = false;           // web 'enable' mode: sent without authenticating the server
  std::uint64_t mail_number = 0;   // mail: which of the meter's mails carried it (1-based)
  std::optional<UtcTime> sent_at;  // the meter's (simulated) time of the attempt
};

struct SimAlarm {
  std::uint64_t id = 0;  // 1-based, in the order raised, over the whole fleet
  std::string serial;
  AlarmEvent event;  // what both channels encode
  // PQD: the PQDIF file sent with it (multipart part / mail attachment).
  std::string file_name;
  std::size_t file_size = 0;
  std::string file_sha256;
  std::shared_ptr<const std::string> file_bytes;  // dropped once every channel is done
  std::optional<AlarmDelivery> web, mail;         // unset: the channel is not configured
};

}  // namespace jemhead::sim
