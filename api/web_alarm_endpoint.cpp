#include "api/web_alarm_endpoint.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "api/mime/mime_message.hpp"
#include "api/problem.hpp"

namespace jemhead::api {

namespace {

// Big enough for a PQDIF file name, small enough that a file's bytes are never taken for one.
constexpr std::size_t kMaxFileNameChars = 255;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "Application/json; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
  return lower(trimmed(content_type.substr(0, content_type.find(';'))));
}

bool ends_with_pqd(std::string_view name) {
  return name.size() > 4 && lower(name.substr(name.size() - 4)) == ".pqd";
}

bool looks_like_file_name(std::string_view text) {
  const auto t = trimmed(text);
  if (t.empty() || t.size() > kMaxFileNameChars || !ends_with_pqd(t)) return false;
  for (char c : t)
    if (static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\') return false;
  return true;
}

// The meter's own naming (SERIAL_EPOCH_MICROS_TYPE.pqd) for a file sent without a name,
// so its time still links it to the PQD event.
std::string name_from_event(const AlarmEvent& event) {
  std::string serial;
  for (char c : event.device_id)
    if (std::isalnum(static_cast<unsigned char>(c))) serial += c;
  if (serial.empty()) serial = "alarm";
  const auto t = event.event_time.value_or(utc_now());
  const auto micros = t.time_since_epoch().count();
  const auto seconds = micros / 1'000'000;
  std::string name = serial;
  name += '_';
  name += std::to_string(seconds);
  name += '_';
  name += std::to_string(micros - seconds * 1'000'000);
  name += "_00.pqd";
  return name;
}

net::HttpResponse refused(AlarmIntake& intake, const net::HttpRequest& request, int status,
                          const std::string& reason, const std::string& detail) {
  intake.rejected(AlarmChannel::web, reason, detail, request.peer_address);
  return problem_response(status, detail);
}

// The multipart form: the event from "json_msg", the file from "pqdif_file".
void read_form(const net::HttpRequest& request, const AlarmJsonLimits& limits,
               AlarmIntakeInput& input) {
  const auto parts = mime::parse_form_data(request.header("content-type"), request.body);
  const mime::MimePart* json = nullptr;
  const mime::MimePart* file = nullptr;
  for (const auto& p : parts) {
    const auto name = lower(p.field_name);
    if (name == "json_msg" && !json) json = &p;
    if (name == "pqdif_file" && !file) file = &p;
  }
  if (!json) throw AlarmDecodeError("the form has no \"json_msg\" part (the event's JSON)");
  input.events.push_back(decode_alarm_json(json->body, limits));
  if (!file) return;
  storage::AlarmAttachment a;
  if (!file->file_name.empty()) {
    a.file_name = file->file_name;
  } else if (looks_like_file_name(file->body)) {
    // Only the name was sent (the manual: "the value would be the name of the generated
    // PQDIF file"): there are no bytes to store; the event links to the file by its time
    // if it arrives another way.
    std::string note = "pqdif_file names '";
    note += trimmed(file->body);
    note += "' but carries no file";
    input.problems.push_back(std::move(note));
    return;
  } else {
    a.file_name = name_from_event(input.events.front());
  }
  if (file->body.empty()) {
    input.problems.push_back("pqdif_file is empty");
    return;
  }
  a.bytes = file->body;
  input.pqdif_files.push_back(std::move(a));
}

std::string accepted_body(const AlarmIntakeResult& result) {
  boost::json::array ids;
  for (const auto& a : result.ingested.alarms) ids.push_back(a.id);
  boost::json::object body;
  body["alarms"] = std::move(ids);
  body["message"] = result.ingested.message_id;
  body["outcome"] = result.outcome;
  return boost::json::serialize(body);
}

}  // namespace

WebAlarmEndpoint::WebAlarmEndpoint(AlarmIntake& intake, WebAlarmOptions options)
    : intake_(intake), options_(std::move(options)) {
  while (options_.path.size() > 1 && options_.path.back() == '/') options_.path.pop_back();
  if (options_.path.empty() || options_.path.front() != '/') {
    std::string rooted = "/";
    rooted += options_.path;
    options_.path = std::move(rooted);
  }
}

net::HttpResponse WebAlarmEndpoint::handle(const net::HttpRequest& request) const {
  // <path> or <path>/<token>: nothing else is ours.
  std::string token;
  if (request.path != options_.path) {
    std::string prefix = options_.path;
    if (prefix != "/") prefix += '/';
    if (request.path.rfind(prefix, 0) != 0) return problem_response(404, "no such endpoint");
    token = request.path.substr(prefix.size());
    if (token.empty() || token.find('/') != std::string::npos)
      return problem_response(404, "no such endpoint");
  }
  if (request.method != "POST") {
    auto r = problem_response(405, "alarms are sent with POST");
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  const auto who = check_alarm_sender(options_.senders, request, token);
  if (!who.ok) {
    const int status = who.status == 403 ? 403 : 401;
    auto r = refused(intake_, request, status, status == 403 ? "forbidden" : "unauthorized",
                     who.reason.empty() ? "sender not authorised" : who.reason);
    if (status == 401)
      r.headers.emplace_back("WWW-Authenticate", R"(Basic realm="jemhead alarms")");
    return r;
  }

  AlarmIntakeInput input;
  input.channel = AlarmChannel::web;
  input.raw = request.body;
  input.content_type = request.header("content-type");
  input.peer_address = request.peer_address;
  input.tls = request.tls;
  if (who.sender) {
    input.sender = who.sender->name;
    input.sender_serial = who.sender->meter_serial;
  }

  const auto type = media_type(input.content_type);
  try {
    if (type == "application/json") {
      input.events.push_back(decode_alarm_json(request.body, options_.json_limits));
    } else if (type == "multipart/form-data") {
      read_form(request, options_.json_limits, input);
    } else {
      std::string detail = "Content-Type must be application/json or multipart/form-data";
      if (!type.empty()) {
        detail += " (got '";
        detail += type.substr(0, 100);
        detail += "')";
      }
      return refused(intake_, request, 415, "unsupported_media_type", detail);
    }
  } catch (const mime::MimeError& e) {
    std::string detail = "the multipart body cannot be read: ";
    detail += e.what();
    return refused(intake_, request, 400, "bad_multipart", detail);
  } catch (const AlarmDecodeError& e) {
    std::string detail = "the alarm JSON cannot be read: ";
    detail += e.what();
    return refused(intake_, request, 400, "bad_json", detail);
  }

  try {
    const auto result = intake_.take(input);
    net::HttpResponse r;
    r.status = 200;
    r.content_type = "application/json";
    r.body = accepted_body(result);
    return r;
  } catch (const std::exception&) {
    // Storage (database, file store) failed: counted and logged by take(); nothing was
    // written, so the meter's retry is safe.
    auto r = problem_response(503, "the alarm could not be stored; try again");
    r.headers.emplace_back("Retry-After", "5");
    return r;
  }
}

net::HttpHandler WebAlarmEndpoint::handler() const {
  return [this](const net::HttpRequest& request) { return handle(request); };
}

}  // namespace jemhead::api
