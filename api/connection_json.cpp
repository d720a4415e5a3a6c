#include "api/connection_json.hpp"

#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/secrets.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

json::object stored_options(std::string_view text) {
  // Written by us after validation, but a database is still input: never throw on it.
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? std::move(v.as_object()) : json::object{};
}

template <typename E>
void read_enum(JsonReader& r, std::string_view key, E& out) {
  const auto* v = r.raw(key);
  if (!v) return;
  if (!v->is_string())
    return r.errors().fail(r.path(key), "must be a string, one of " + allowed_texts<E>());
  if (auto e = from_text<E>(std::string_view(v->as_string()))) {
    out = *e;
  } else {
    r.errors().fail(r.path(key), "unknown value '" + std::string(v->as_string()).substr(0, 64) +
                                     "', expected one of " + allowed_texts<E>());
  }
}

void read_options(JsonReader& r, ConnectionProfile& target, std::string_view previous) {
  const auto* v = r.raw("options");
  if (!v) return;
  if (!v->is_object()) return r.errors().fail("options", "must be a JSON object");
  auto incoming = v->as_object();
  restore_redacted(incoming, stored_options(previous));
  auto text = json::serialize(incoming);
  if (text.size() > kConnectionOptionsMaxBytes)
    return r.errors().fail(
        "options", "at most " + std::to_string(kConnectionOptionsMaxBytes) + " bytes of JSON");
  target.options_json = std::move(text);
}

}  // namespace

json::object to_json(const ConnectionProfile& p) {
  json::object out;
  out["id"] = p.id;
  out["meter_id"] = p.meter_id;
  out["name"] = p.name;
  out["protocol"] = to_text(p.protocol);
  out["transport"] = to_text(p.transport);
  out["is_default"] = p.is_default;
  out["host"] = p.host;
  out["port"] = p.port;
  out["device"] = p.device;
  out["baud"] = p.baud;
  out["address"] = p.address;
  out["rs485_delay_ms"] = p.rs485_delay_ms;
  out["probe"] = p.probe;
  out["modem_init"] = p.modem_init;
  out["phone"] = p.phone;
  out["retries"] = p.retries;
  out["retry_delay_s"] = p.retry_delay_s;
  out["timeout_ms"] = p.timeout_ms;
  out["options"] = redact_secrets(stored_options(p.options_json));
  return out;
}

void apply_json(const json::object& body, ConnectionProfile& target, Validation& errors,
                std::string_view previous_options_json) {
  JsonReader r(body, "", errors);
  r.ignore("id");
  r.ignore("meter_id");
  r.read("name", target.name);
  read_enum(r, "protocol", target.protocol);
  read_enum(r, "transport", target.transport);
  r.read("is_default", target.is_default);
  r.read("host", target.host);
  r.read_integer("port", target.port);
  r.read("device", target.device);
  r.read_integer("baud", target.baud);
  r.read_integer("address", target.address);
  r.read_integer("rs485_delay_ms", target.rs485_delay_ms);
  r.read("probe", target.probe);
  r.read("modem_init", target.modem_init);
  r.read("phone", target.phone);
  r.read_integer("retries", target.retries);
  r.read_integer("retry_delay_s", target.retry_delay_s);
  r.read_integer("timeout_ms", target.timeout_ms);
  read_options(r, target, previous_options_json);
  r.finish();
}

ConnectionProfile decode_connection(std::string_view body, ConnectionProfile base,
                                    std::string_view previous_options_json) {
  const auto object = parse_json_object(body);
  Validation errors;
  apply_json(object, base, errors, previous_options_json);
  if (!errors.ok()) throw_invalid(std::move(errors), "connection profile");
  auto rules = validate(base);
  if (!rules.ok()) throw_invalid(std::move(rules), "connection profile");
  return base;
}

}  // namespace jemhead::api
