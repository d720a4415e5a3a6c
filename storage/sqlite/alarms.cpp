// Pushed alarms (issue 7, schema step 9): the messages as received, the alarms merged by
// identity, and the arrivals that link them.
#include <algorithm>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/stored_enums.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kMessageColumns =
    "id, channel, received_at_us, remote_address, sender, tls, content_type, raw, meter_id,"
    " outcome, detail";

constexpr std::string_view kAlarmColumns =
    "id, meter_id, sender_key, event_type, event_type_text, event_time_us, received_at_us,"
    " channels, arrivals, first_message_id, fields_json, raw_json, pqdif_file_id, follow_up,"
    " acknowledged, acknowledged_by, acknowledged_at_us";

std::vector<AlarmChannel> stored_channels(std::string_view text) {
  return stored_enum_list<AlarmChannel>(text, "alarms", "alarm channels", "alarm channel");
}

AlarmMessage read_message(Query& q) {
  AlarmMessage m;
  m.id = q.int64();
  m.channel = stored_enum<AlarmChannel>(q.text(), "alarms", "message channel");
  m.received_at = q.time();
  m.remote_address = q.text();
  m.sender = q.text();
  m.tls = q.boolean();
  m.content_type = q.text();
  const auto raw = q.blob();
  m.raw.assign(raw.begin(), raw.end());
  m.meter_id = q.optional_int64();
  m.outcome = q.text();
  m.detail = q.text();
  return m;
}

StoredAlarm read_alarm(Query& q) {
  StoredAlarm a;
  a.id = q.int64();
  a.meter_id = q.optional_int64();
  a.sender_key = q.text();
  a.event_type = stored_enum<AlarmEventType>(q.text(), "alarms", "event type");
  a.event_type_text = q.text();
  a.event_time = q.time();
  a.received_at = q.time();
  a.channels = stored_channels(q.text());
  a.arrivals = q.int64();
  a.first_message_id = q.optional_int64().value_or(0);  // none for rows migrated from step 2
  a.fields_json = q.text();
  a.raw_json = q.text();
  a.pqdif_file_id = q.optional_int64();
  a.follow_up = q.text();
  a.acknowledged = q.boolean();
  a.acknowledged_by = q.text();
  a.acknowledged_at = q.optional_time();
  return a;
}

// The WHERE clause of an AlarmFilter: only the filters that are set appear in the SQL so
// the planner can pick the matching index. bind_filter binds in the same order.
std::string filter_sql(const AlarmFilter& f) {
  std::string sql = " WHERE 1 = 1";
  if (f.meter_id) sql += " AND meter_id = ?";
  if (f.quarantined) sql += *f.quarantined ? " AND meter_id IS NULL" : " AND meter_id IS NOT NULL";
  if (f.event_type) sql += " AND event_type = ?";
  if (f.acknowledged) sql += " AND acknowledged = ?";
  if (f.channel) sql += " AND EXISTS (SELECT 1 FROM json_each(alarms.channels) WHERE value = ?)";
  if (f.from) sql += " AND event_time_us >= ?";
  if (f.to) sql += " AND event_time_us < ?";
  return sql;
}

void bind_filter(Query& q, const AlarmFilter& f) {
  if (f.meter_id) q.bind(*f.meter_id);
  if (f.event_type) q.bind(to_text(*f.event_type));
  if (f.acknowledged) q.bind(*f.acknowledged);
  if (f.channel) q.bind(to_text(*f.channel));
  if (f.from) q.bind(*f.from);
  if (f.to) q.bind(*f.to);
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::int64_t SqliteStore::insert_alarm_message(const AlarmMessage& m) {
  auto q = db_.query(
      "INSERT INTO alarm_messages(channel, received_at_us, remote_address, sender, tls,"
      " content_type, raw, meter_id, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.context("insert alarm message")
      .bind(to_text(m.channel))
      .bind(or_now(m.received_at))
      .bind(m.remote_address)
      .bind(m.sender)
      .bind(m.tls)
      .bind(m.content_type)
      .bind_blob(bytes_of(m.raw))
      .bind(m.meter_id)
      .bind(m.outcome)
      .bind(m.detail);
  q.run_for_meter(m.meter_id.value_or(0), "alarm message");
  return db_.last_insert_id();
}

std::optional<AlarmMessage> SqliteStore::find_alarm_message(std::int64_t id) {
  auto q =
      db_.query("SELECT " + std::string(kMessageColumns) + " FROM alarm_messages WHERE id = ?");
  q.context("find alarm message").bind(id);
  if (!q.step()) return std::nullopt;
  return read_message(q);
}

std::vector<AlarmMessage> SqliteStore::list_alarm_messages(const std::string& outcome,
                                                           const Page& page) {
  std::string sql = "SELECT " + std::string(kMessageColumns) + " FROM alarm_messages WHERE 1 = 1";
  if (!outcome.empty()) sql += " AND outcome = ?";
  append_newest_first(sql, page);
  auto q = db_.query(sql);
  q.context("list alarm messages");
  if (!outcome.empty()) q.bind(outcome);
  bind_newest_first(q, page);
  std::vector<AlarmMessage> messages;
  while (q.step()) messages.push_back(read_message(q));
  return messages;
}

AlarmUpsert SqliteStore::upsert_alarm(const StoredAlarm& a, const std::string& identity,
                                      AlarmChannel channel, std::int64_t message_id) {
  // The message is checked by hand so a bad id is not reported as a missing meter.
  {
    auto known = db_.query("SELECT 1 FROM alarm_messages WHERE id = ?");
    known.context("find alarm message").bind(message_id);
    if (!known.step())
      throw NotFound("alarm message " + std::to_string(message_id) + " does not exist");
  }
  const UtcTime received_at = or_now(a.received_at);

  // Select then write: the caller's transaction holds the write lock, so no other writer
  // can store the same identity in between (and the UNIQUE key would refuse it anyway).
  AlarmUpsert out;
  auto existing = db_.query("SELECT id, channels FROM alarms WHERE identity = ?");
  existing.context("find alarm by identity").bind(identity);
  if (existing.step()) {
    out.id = existing.int64();
    auto channels = stored_channels(existing.text());
    if (std::find(channels.begin(), channels.end(), channel) == channels.end())
      channels.push_back(channel);
    // Only the arrival is recorded: the first arrival's fields stay as they were.
    auto merge = db_.query("UPDATE alarms SET channels = ?, arrivals = arrivals + 1 WHERE id = ?");
    merge.context("merge alarm arrival").bind(enum_list_json(channels)).bind(out.id).run();
  } else {
    auto insert = db_.query(
        "INSERT INTO alarms(identity, meter_id, sender_key, event_type, event_type_text,"
        " event_time_us, received_at_us, channels, arrivals, first_message_id, fields_json,"
        " raw_json, pqdif_file_id, follow_up, acknowledged, acknowledged_by,"
        " acknowledged_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.context("insert alarm")
        .bind(identity)
        .bind(a.meter_id)
        .bind(a.sender_key)
        .bind(to_text(a.event_type))
        .bind(a.event_type_text)
        .bind(a.event_time)
        .bind(received_at)
        .bind(enum_list_json(std::vector{channel}))
        .bind(message_id)
        .bind(a.fields_json.empty() ? std::string("{}") : a.fields_json)
        .bind(a.raw_json)
        .bind(a.pqdif_file_id)
        .bind(a.follow_up)
        .bind(a.acknowledged)
        .bind(a.acknowledged_by)
        .bind(a.acknowledged_at);
    if (a.meter_id)
      insert.run_for_meter(*a.meter_id, "alarm");
    else
      insert.run();
    out.id = db_.last_insert_id();
    out.created = true;
  }

  auto arrival = db_.query(
      "INSERT INTO alarm_arrivals(alarm_id, message_id, channel, received_at_us)"
      " VALUES (?, ?, ?, ?)");
  arrival.context("record alarm arrival")
      .bind(out.id)
      .bind(message_id)
      .bind(to_text(channel))
      .bind(received_at)
      .run();
  return out;
}

std::optional<StoredAlarm> SqliteStore::find_alarm(std::int64_t id) {
  auto q = db_.query("SELECT " + std::string(kAlarmColumns) + " FROM alarms WHERE id = ?");
  q.context("find alarm").bind(id);
  if (!q.step()) return std::nullopt;
  return read_alarm(q);
}

std::vector<StoredAlarm> SqliteStore::list_alarms(const AlarmFilter& filter, const Page& page) {
  std::string sql = "SELECT " + std::string(kAlarmColumns) + " FROM alarms" + filter_sql(filter);
  append_newest_first(sql, page);
  auto q = db_.query(sql);
  q.context("list alarms");
  bind_filter(q, filter);
  bind_newest_first(q, page);
  std::vector<StoredAlarm> alarms;
  while (q.step()) alarms.push_back(read_alarm(q));
  return alarms;
}

std::int64_t SqliteStore::count_alarms(const AlarmFilter& filter) {
  auto q = db_.query("SELECT COUNT(*) FROM alarms" + filter_sql(filter));
  q.context("count alarms");
  bind_filter(q, filter);
  q.step();
  return q.int64();
}

std::vector<std::int64_t> SqliteStore::alarm_message_ids(std::int64_t alarm_id) {
  auto q = db_.query("SELECT message_id FROM alarm_arrivals WHERE alarm_id = ? ORDER BY id");
  q.context("list alarm arrivals").bind(alarm_id);
  std::vector<std::int64_t> ids;
  while (q.step()) ids.push_back(q.int64());
  return ids;
}

bool SqliteStore::acknowledge_alarm(std::int64_t id, const std::string& by, UtcTime at) {
  // Only the first acknowledgement is recorded: who saw it first, and when, is what an
  // operator asks later; a second click changes nothing.
  auto q = db_.query(
      "UPDATE alarms SET acknowledged = 1, acknowledged_by = ?, acknowledged_at_us = ?"
      " WHERE id = ? AND acknowledged = 0");
  q.context("acknowledge alarm").bind(by).bind(or_now(at)).bind(id).run();
  if (db_.changes() > 0) return true;
  auto known = db_.query("SELECT 1 FROM alarms WHERE id = ?");
  known.context("find alarm").bind(id);
  return known.step();
}

bool SqliteStore::set_alarm_follow_up(std::int64_t id, const std::string& follow_up) {
  auto q = db_.query("UPDATE alarms SET follow_up = ? WHERE id = ?");
  q.context("record alarm follow-up").bind(follow_up).bind(id).run();
  return db_.changes() > 0;
}

bool SqliteStore::set_alarm_pqdif_file(std::int64_t id, std::int64_t pqdif_file_id) {
  auto q = db_.query("UPDATE alarms SET pqdif_file_id = ? WHERE id = ?");
  q.context("link alarm to PQDIF file").bind(pqdif_file_id).bind(id).run();
  return db_.changes() > 0;
}

}  // namespace jemhead::storage::sqlite
