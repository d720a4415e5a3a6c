#include "sim/modbus/modbus_control_api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "sim/control_replies.hpp"
#include "sim/modbus/fleet_keys.hpp"
#include "sim/modbus/modbus_truth_json.hpp"

namespace jemhead::sim {

namespace json = boost::json;

namespace {

std::optional<std::uint16_t> channel_number(std::string_view key, std::uint16_t max) {
  unsigned v = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc{} || end != key.data() + key.size() || v < 1 || v > max) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

net::HttpResponse set_faults(ModbusSlave& slave, const net::HttpRequest& request) {
  std::string problem;
  auto body = object_body(request, problem);
  if (!body) return error(400, problem);
  FaultSettings faults;
  for (const auto& [key, value] : *body) {
    if (key == "mode") {
      auto mode =
          value.is_string() ? fault_mode_from(std::string_view(value.as_string())) : std::nullopt;
      if (!mode) return error(400, "mode must be one of " + allowed_texts<FaultMode>());
      faults.mode = *mode;
    } else if (key == "delay_ms") {
      if (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > kMaxFaultDelayMs)
        return error(400, "delay_ms must be a whole number 0 to 600000");
      faults.delay_ms = static_cast<std::uint32_t>(value.as_int64());
    } else {
      return error(400, "unknown key '" + std::string(key.substr(0, 64)) + "'");
    }
  }
  if (!body->contains("mode")) return error(400, "mode is required");
  slave.set_faults(faults);
  return reply(200, faults_json(faults));
}

net::HttpResponse set_inputs(ModbusSlave& slave, const net::HttpRequest& request) {
  std::string problem;
  auto body = object_body(request, problem);
  if (!body) return error(400, problem);
  // Validate everything first so a bad body changes nothing.
  for (const auto& [key, value] : *body) {
    if (key != "digital_inputs" && key != "triggers" && key != "status")
      return error(400, "unknown key '" + std::string(key.substr(0, 64)) +
                            "'; use digital_inputs, triggers, status");
    if (!value.is_object()) return error(400, std::string(key) + " must be an object");
    for (const auto& [k, v] : value.as_object()) {
      const bool nullable = key != "digital_inputs";
      if (!v.is_bool() && !(nullable && v.is_null()))
        return error(400,
                     std::string(key) + "." + std::string(k.substr(0, 32)) +
                         (nullable ? " must be true, false or null" : " must be true or false"));
      if (key == "digital_inputs" && !channel_number(k, modbus::map_limit::dio_channels))
        return error(400, "digital_inputs keys are channels 1-14");
      if (key == "triggers" && !channel_number(k, modbus::map_limit::triggers))
        return error(400, "triggers keys are channels 1-64");
      if (key == "status" && !from_text<modbus::MeterStatus>(k))
        return error(400, "status keys are " + allowed_texts<modbus::MeterStatus>());
    }
  }
  auto optional_bool = [](const json::value& v) {
    return v.is_null() ? std::optional<bool>{} : std::optional<bool>{v.as_bool()};
  };
  for (const auto& [key, value] : *body)
    for (const auto& [k, v] : value.as_object()) {
      if (key == "digital_inputs")
        slave.set_digital_input(*channel_number(k, modbus::map_limit::dio_channels), v.as_bool());
      else if (key == "triggers")
        slave.force_trigger(*channel_number(k, modbus::map_limit::triggers), optional_bool(v));
      else
        slave.force_status(*from_text<modbus::MeterStatus>(k), optional_bool(v));
    }
  return reply(200, json::object{{"ok", true}});
}

}  // namespace

std::optional<net::HttpResponse> ModbusControlApi::handle(const net::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path == "/modbus") {
    if (request.method != "GET") return method_not_allowed("GET");
    return reply(200, modbus_endpoints_json(service_));
  }
  const auto sub = meter_subroute(path);
  if (!sub) return std::nullopt;
  const auto [serial, route] = *sub;
  if (route != "/modbus" && route != "/faults" && route != "/modbus/inputs") return std::nullopt;
  if (!service_.fleet().find(serial)) return std::nullopt;  // the main API answers 404
  ModbusSlave* slave = service_.slave(serial);
  if (!slave)
    return error(404, "meter " + std::string(serial) +
                          " has no Modbus slave (add a modbus: key in the fleet file)");
  if (route == "/faults") {
    if (request.method == "GET") return reply(200, faults_json(slave->faults()));
    if (request.method != "POST") return method_not_allowed("GET, POST");
    return set_faults(*slave, request);
  }
  if (route == "/modbus/inputs") {
    if (request.method != "POST") return method_not_allowed("POST");
    return set_inputs(*slave, request);
  }
  if (request.method != "GET") return method_not_allowed("GET");
  std::optional<UtcTime> at;
  if (auto it = request.query.find("at"); it != request.query.end()) {
    at = parse_iso8601(it->second);
    if (!at) return error(400, "'at' must be an ISO 8601 date and time");
  }
  auto snapshot = slave->snapshot(at);
  if (!snapshot)
    return error(422, "'at' must lie between the model epoch and the current simulated time");
  return reply(200, modbus_truth_json(*slave, *snapshot, service_.endpoints(serial)));
}

}  // namespace jemhead::sim
