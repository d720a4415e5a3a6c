#pragma once
// Taking in one alarm message, however it arrived (a web POST, an e-mail): its PQDIF files
// go to the file store first (durable on disk), then one transaction writes the message as
// received, its events (new, or merged into the same event stored earlier, see
// alarm_identity), the links from PQD events to their files, and the webhook deliveries of
// new alarms. Acknowledge the sender (HTTP 200, SMTP 250) only after this returns: a crash
// before the commit leaves nothing but unreferenced objects, and the sender's retry is
// merged, not stored twice.
#include <optional>
#include <string>
#include <vector>

#include "core/alarm/stored_alarm.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace jemhead::storage {

struct AlarmAttachment {
  std::string file_name;  // as the meter named it (serial_epoch_micros_type.pqd)
  std::string bytes;
};

struct AlarmArrival {
  AlarmMessage message;    // meter_id: the resolved meter, if any; outcome/detail are set here
  std::string sender_key;  // identity of an unresolved sender ("DeviceId=...")
  std::vector<AlarmEvent> events;  // may be empty (a mail with no readable event)
  std::vector<AlarmAttachment> pqdif_files;
  UtcTime now{};  // zero: utc_now()
};

struct AlarmIngested {
  std::int64_t message_id = 0;
  std::vector<AlarmUpsert> alarms;           // one per event, in order
  std::vector<std::int64_t> pqdif_file_ids;  // one per attachment, in order
  std::int64_t webhook_deliveries = 0;       // queued for new alarms
};

// A PQD event is linked to the attachment whose file-name time equals its EventTime (the
// manual: the file name's epoch and microseconds are the event time); when there is exactly
// one PQD event and one attachment, to that one; otherwise to a file already stored for the
// same meter with that time. Throws StorageError when storage fails: then no message, alarm
// or link was written; PQDIF files already stored stay (a retry finds them again).
AlarmIngested ingest_alarm_message(Repository& repo, FileStore& pqdif_files,
                                   const AlarmArrival& arrival);

}  // namespace jemhead::storage
