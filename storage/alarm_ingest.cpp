#include "storage/alarm_ingest.hpp"

#include <boost/json.hpp>

#include "core/pqdif_file_name.hpp"
#include "storage/pqdif_ingest.hpp"

namespace jemhead::storage {

namespace {

// What was understood of an event, as JSON (StoredAlarm::fields_json): the documented
// fields under their own names, the trigger descriptions and identification labels as
// objects in the order sent, and what could not be read. The raw JSON is kept beside it.
std::string fields_json(const AlarmEvent& e) {
  boost::json::object o;
  o["event_type"] = e.event_type_text;
  o["event_time"] = e.event_time ? boost::json::value(format_iso8601(*e.event_time))
                                 : boost::json::value(nullptr);
  o["event_time_text"] = e.event_time_text;
  o["event_id"] = e.event_id;
  o["device_id"] = e.device_id;
  o["source"] = e.source;
  o["owner"] = e.owner;
  o["latitude"] = e.latitude ? boost::json::value(*e.latitude) : boost::json::value(nullptr);
  o["longitude"] = e.longitude ? boost::json::value(*e.longitude) : boost::json::value(nullptr);
  boost::json::object properties;
  for (const auto& [key, value] : e.properties) properties[key] = value;
  o["properties"] = std::move(properties);
  boost::json::object identification;
  for (const auto& [key, value] : e.identification) identification[key] = value;
  o["identification"] = std::move(identification);
  boost::json::array problems;
  for (const auto& p : e.problems) problems.emplace_back(p);
  o["problems"] = std::move(problems);
  return boost::json::serialize(o);
}

PqdifSource pqdif_source(AlarmChannel channel) {
  return channel == AlarmChannel::mail ? PqdifSource::mail_alarm : PqdifSource::web_alarm;
}

// The file a PQD event is linked to (see the header): by the file name's time, then the
// only attachment for the only PQD event, then a stored file of the meter with that time.
std::optional<std::int64_t> pqdif_file_for(Store& store, const AlarmArrival& arrival,
                                           const std::vector<PqdifStoredFile>& attached,
                                           const AlarmEvent& event, std::size_t pqd_events) {
  if (event.event_time) {
    for (const auto& file : attached)
      if (file.file_time && *file.file_time == *event.event_time) return file.id;
  }
  if (pqd_events == 1 && attached.size() == 1) return attached.front().id;
  if (event.event_time && arrival.message.meter_id) {
    PqdifFileFilter filter;
    filter.meter_id = arrival.message.meter_id;
    filter.file_time.from = *event.event_time;
    filter.file_time.to = *event.event_time + std::chrono::microseconds(1);
    Page page;
    page.limit = 1;
    const auto stored = store.list_pqdif_files(filter, page);
    if (!stored.empty()) return stored.front().id;
  }
  return std::nullopt;
}

}  // namespace

AlarmIngested ingest_alarm_message(Repository& repo, FileStore& pqdif_files,
                                   const AlarmArrival& arrival) {
  const UtcTime now = arrival.now == UtcTime{} ? utc_now() : arrival.now;
  AlarmMessage message = arrival.message;
  if (message.received_at == UtcTime{}) message.received_at = now;

  // 1. The files, each durable (object, then its row in its own transaction) before
  // anything refers to it. A crash after this leaves only file rows, which are not
  // referenced by anything yet; the sender's retry finds the same rows again (a file is
  // one row per name and content), so nothing is duplicated.
  AlarmIngested out;
  std::vector<PqdifStoredFile> attached;
  for (const auto& attachment : arrival.pqdif_files) {
    PqdifArrival file;
    file.file_name = attachment.file_name;
    file.source = pqdif_source(message.channel);
    file.meter_id = message.meter_id;
    file.received_at = message.received_at;
    auto ingested = ingest_pqdif_bytes(repo, pqdif_files, file, attachment.bytes);
    out.pqdif_file_ids.push_back(ingested.file.id);
    attached.push_back(std::move(ingested.file));
  }

  std::size_t pqd_events = 0;
  for (const auto& event : arrival.events)
    if (event.event_type == AlarmEventType::PQD) ++pqd_events;

  // 2. Everything else in one transaction: the message, its alarms (new or merged), the
  // PQD links and the webhook deliveries of new alarms. All or nothing.
  repo.transact([&](Store& store) {
    AlarmIngested result;
    result.pqdif_file_ids = out.pqdif_file_ids;
    result.message_id = store.insert_alarm_message(message);
    for (const auto& event : arrival.events) {
      StoredAlarm alarm;
      alarm.meter_id = message.meter_id;
      alarm.sender_key = arrival.sender_key;
      alarm.event_type = event.event_type;
      alarm.event_type_text = event.event_type_text;
      alarm.event_time = event.event_time.value_or(UtcTime{});
      alarm.received_at = message.received_at;
      alarm.fields_json = fields_json(event);
      alarm.raw_json = event.raw_json;
      if (event.event_type == AlarmEventType::PQD)
        alarm.pqdif_file_id = pqdif_file_for(store, arrival, attached, event, pqd_events);

      const auto identity = alarm_identity(message.meter_id, arrival.sender_key, event);
      const auto upsert = store.upsert_alarm(alarm, identity, message.channel, result.message_id);
      if (upsert.created) {
        alarm.id = upsert.id;
        alarm.channels = {message.channel};
        result.webhook_deliveries += store.queue_webhook_deliveries(alarm, now);
      } else if (alarm.pqdif_file_id) {
        // A merged arrival may bring the file the first one lacked (web JSON first, then
        // the mail with the attachment); a link made earlier is kept.
        const auto stored = store.find_alarm(upsert.id);
        if (stored && !stored->pqdif_file_id)
          store.set_alarm_pqdif_file(upsert.id, *alarm.pqdif_file_id);
      }
      result.alarms.push_back(upsert);
    }
    out = std::move(result);  // only once the work is done: a throw leaves `out` unused
  });
  return out;
}

}  // namespace jemhead::storage
