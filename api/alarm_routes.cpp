// Pushed alarms (issue 7):
//   GET  /api/v1/alarms                  list, newest first; filters meter, type, from/to
//                                        (event time), acknowledged, channel, quarantined;
//                                        keyset paging by id (after = older than)
//   GET  /api/v1/alarms/{id}             one alarm with the ids of the messages it came in
//   POST /api/v1/alarms/{id}/acknowledge operator, audited; again: the first ack stands
//   GET  /api/v1/alarms/quarantine       what could not be put to a meter: alarms with no
//                                        meter, and messages quarantined or with no events
//   GET  /api/v1/alarms/messages/{id}    a received message's metadata
//   GET  /api/v1/alarms/messages/{id}/raw  its bytes exactly as received
// Webhook subscriptions and deliveries: webhook_routes.cpp.
#include <boost/json.hpp>

#include "api/alarm_json.hpp"
#include "api/json_reader.hpp"
#include "api/meter_serials.hpp"
#include "api/problem.hpp"
#include "api/query_filters.hpp"
#include "api/routes.hpp"
#include "core/alarm/stored_alarm_json.hpp"
#include "core/json_values.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr std::size_t kNoteMaxBytes = 500;
constexpr std::size_t kMaxPageLimit = 1000;

// after/limit under other names, for the quarantine view's two lists.
std::int64_t after_param(const Call& call, const std::string& name) {
  const auto v = query_int(call, name);
  if (v && *v < 0) bad_filter(name, "must be >= 0");
  return v.value_or(0);
}

// A page of alarms: each with its meter's serial, looked up once per meter.
json::array alarm_items(ApiContext& ctx, const std::vector<StoredAlarm>& alarms) {
  MeterSerials serials(ctx.repo);
  json::array items;
  for (const auto& a : alarms) {
    auto item = to_json(a);
    item["meter_serial"] = json_or_null(serials.of(a.meter_id));
    items.push_back(std::move(item));
  }
  return items;
}

StoredAlarm find_alarm(storage::Store& s, std::int64_t id) {
  auto a = s.find_alarm(id);
  if (!a) throw ApiError(404, "no alarm with id " + std::to_string(id));
  return std::move(*a);
}

AlarmMessage find_message(ApiContext& ctx, Call& call) {
  const auto id = path_id(call, "id", "alarm message");
  auto m = ctx.repo.find_alarm_message(id);
  if (!m) throw ApiError(404, "no alarm message with id " + std::to_string(id));
  return std::move(*m);
}

json::object alarm_detail(ApiContext& ctx, const StoredAlarm& a) {
  auto out = to_json(a);
  out["meter_serial"] = json_or_null(meter_serial(ctx.repo, a.meter_id));
  json::array ids;
  for (auto id : ctx.repo.alarm_message_ids(a.id)) ids.emplace_back(id);
  out["message_ids"] = std::move(ids);
  return out;
}

net::HttpResponse list_alarms(ApiContext& ctx, Call& call) {
  allow_query(call, {"meter", "type", "from", "to", "acknowledged", "channel", "quarantined",
                     "after", "limit"});
  AlarmFilter filter;
  filter.meter_id = meter_filter(call);
  filter.event_type = enum_filter<AlarmEventType>(call, "type");
  const auto event_time = time_range_filter(call);
  filter.from = event_time.from;
  filter.to = event_time.to;
  filter.acknowledged = query_bool(call, "acknowledged");
  filter.channel = enum_filter<AlarmChannel>(call, "channel");
  filter.quarantined = query_bool(call, "quarantined");
  if (filter.meter_id && filter.quarantined == true)
    bad_filter("quarantined", "quarantined alarms have no meter: drop meter or quarantined");
  const auto page = page_from_query(call);
  const auto alarms = ctx.repo.list_alarms(filter, page);
  auto body =
      page_body(alarm_items(ctx, alarms), alarms.empty() ? 0 : alarms.back().id, page.limit);
  body["total"] = ctx.repo.count_alarms(filter);
  return json_response(200, body);
}

net::HttpResponse get_alarm(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  return json_response(200, alarm_detail(ctx, find_alarm(ctx.repo, path_id(call, "id", "alarm"))));
}

// The body is optional; a note goes to the audit log with the acknowledgement.
std::string acknowledge_note(const Call& call) {
  if (call.request.body.empty()) return {};
  require_json_body(call);
  const auto object = parse_json_object(call.request.body);
  Validation errors;
  JsonReader r(object, "", errors);
  std::string note;
  r.read("note", note);
  r.finish();
  errors.max_length("note", note, kNoteMaxBytes);
  if (!errors.ok()) throw_invalid(std::move(errors), "acknowledgement");
  return note;
}

// Idempotent: acknowledging again answers the alarm as it is and keeps the first who and
// when (a second operator clicking the same alarm is not a new fact worth auditing).
net::HttpResponse acknowledge(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "alarm");
  const auto note = acknowledge_note(call);
  ctx.repo.transact([&](storage::Store& s) {
    const auto alarm = find_alarm(s, id);
    if (alarm.acknowledged) return;
    if (!s.acknowledge_alarm(id, call.principal.name, utc_now()))
      throw ApiError(404, "no alarm with id " + std::to_string(id));
    json::object detail{{"event_type", alarm.event_type_text},
                        {"meter_id", alarm.meter_id ? json::value(*alarm.meter_id) : nullptr}};
    if (!note.empty()) detail["note"] = note;
    s.append_audit(audit_entry(call, "alarm.acknowledge", "alarm/" + std::to_string(id), detail));
  });
  return json_response(200, alarm_detail(ctx, find_alarm(ctx.repo, id)));
}

// Messages newest first across the wanted outcomes; after = older than.
std::vector<AlarmMessage> quarantined_messages(ApiContext& ctx,
                                               const std::vector<std::string>& outcomes,
                                               const storage::Page& page) {
  std::vector<AlarmMessage> all;
  for (const auto& outcome : outcomes)
    for (auto& m : ctx.repo.list_alarm_messages(outcome, page)) all.push_back(std::move(m));
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  if (all.size() > page.limit) all.resize(page.limit);
  return all;
}

// Two lists in one answer, each with its own keyset: the alarms from senders that match
// no meter (their events are stored, merged like any other), and the messages that were
// not put to a meter or held no readable event (what the sender said is only there).
net::HttpResponse quarantine(ApiContext& ctx, Call& call) {
  allow_query(call, {"outcome", "alarms_after", "messages_after", "limit"});
  std::vector<std::string> outcomes{"quarantined", "no_events"};
  if (const auto* outcome = query_value(call, "outcome")) {
    if (*outcome != "quarantined" && *outcome != "no_events")
      bad_filter("outcome", "must be quarantined or no_events");
    outcomes = {*outcome};
  }
  std::size_t limit = 100;
  if (const auto l = query_int(call, "limit")) {
    if (*l < 1 || *l > static_cast<std::int64_t>(kMaxPageLimit))
      bad_filter("limit", "must be between 1 and " + std::to_string(kMaxPageLimit));
    limit = static_cast<std::size_t>(*l);
  }
  AlarmFilter filter;
  filter.quarantined = true;
  const storage::Page alarm_page{after_param(call, "alarms_after"), limit};
  const auto alarms = ctx.repo.list_alarms(filter, alarm_page);
  auto alarm_list =
      page_body(alarm_items(ctx, alarms), alarms.empty() ? 0 : alarms.back().id, limit);
  alarm_list["total"] = ctx.repo.count_alarms(filter);

  const storage::Page message_page{after_param(call, "messages_after"), limit};
  const auto messages = quarantined_messages(ctx, outcomes, message_page);
  json::array message_items;
  for (const auto& m : messages) message_items.push_back(alarm_message_json(m));
  auto message_list =
      page_body(std::move(message_items), messages.empty() ? 0 : messages.back().id, limit);
  return json_response(
      200, json::object{{"alarms", std::move(alarm_list)}, {"messages", std::move(message_list)}});
}

net::HttpResponse get_message(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  return json_response(200, alarm_message_json(find_message(ctx, call)));
}

// The sender chose the Content-Type: keep it to one header-safe line, and never let a
// browser render hostile bytes inline (attachment + nosniff + sandbox).
std::string safe_content_type(const AlarmMessage& m) {
  if (m.channel == AlarmChannel::mail) return "message/rfc822";  // raw is the whole mail
  std::string out;
  for (char c : m.content_type.substr(0, 200)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) out.push_back(c);
  }
  return out.empty() ? std::string("application/octet-stream") : out;
}

net::HttpResponse raw_message(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto m = find_message(ctx, call);
  net::HttpResponse r;
  r.status = 200;
  r.content_type = safe_content_type(m);
  r.body = m.raw;
  std::string name = "alarm-message-";
  name += std::to_string(m.id);
  if (m.channel == AlarmChannel::mail)
    name += ".eml";
  else
    name += r.content_type.find("json") != std::string::npos ? ".json" : ".bin";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Content-Security-Policy", "sandbox");
  return r;
}

}  // namespace

void add_alarm_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  // The router takes the first match: fixed segments before {id}.
  router.add({"GET", "/api/v1/alarms", Role::viewer, bind(list_alarms)});
  router.add({"GET", "/api/v1/alarms/quarantine", Role::viewer, bind(quarantine)});
  router.add({"GET", "/api/v1/alarms/messages/{id}", Role::viewer, bind(get_message)});
  router.add({"GET", "/api/v1/alarms/messages/{id}/raw", Role::viewer, bind(raw_message)});
  router.add({"GET", "/api/v1/alarms/{id}", Role::viewer, bind(get_alarm)});
  router.add({"POST", "/api/v1/alarms/{id}/acknowledge", Role::operator_, bind(acknowledge)});
  add_webhook_routes(router, ctx);
}

}  // namespace jemhead::api
