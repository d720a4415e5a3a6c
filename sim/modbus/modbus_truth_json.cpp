#include "sim/modbus/modbus_truth_json.hpp"

#include <boost/json.hpp>

#include "drivers/protocol/modbus/point_map_json.hpp"
#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::sim {

namespace json = boost::json;
namespace mb = modbus;

namespace {

json::value optional_text(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value rtu_tcp_json(const ModbusEndpointInfo& e) {
  if (!e.rtu_tcp) return nullptr;
  return json::object{{"listen", *e.rtu_tcp}, {"address", e.rtu_tcp_address}};
}

json::object endpoints_json(const ModbusSlave& slave, const ModbusEndpointInfo& e) {
  json::object o;
  o["tcp"] = optional_text(e.tcp);
  o["unit_id"] = slave.spec().effective_unit_id();
  if (e.rtu_bus)
    o["rtu"] = json::object{{"bus", *e.rtu_bus},
                            {"device", e.rtu_device.value_or("")},
                            {"address", e.rtu_address.value_or(0)}};
  else
    o["rtu"] = nullptr;
  o["rtu_tcp"] = rtu_tcp_json(e);
  o["crc_order"] = to_text(slave.spec().crc_order);
  o["frame_timeout_ms"] = slave.spec().frame_timeout_ms;
  o["turnaround_ms"] = slave.spec().turnaround_ms;
  return o;
}

json::object counters_json(const SlaveCounters& c) {
  json::object by_code, by_fc;
  for (auto [code, n] : c.exceptions_by_code) by_code[std::to_string(code)] = n;
  for (auto [fc, n] : c.requests_by_function) by_fc[std::to_string(fc)] = n;
  return json::object{{"requests", c.requests},
                      {"responses", c.responses},
                      {"exceptions", c.exceptions},
                      {"exceptions_by_code", std::move(by_code)},
                      {"requests_by_function", std::move(by_fc)},
                      {"faults_applied", c.faults_applied},
                      {"wrong_unit_id", c.wrong_unit_id},
                      {"crc_errors", c.crc_errors},
                      {"frame_timeouts", c.frame_timeouts},
                      {"sessions_accepted", c.sessions_accepted},
                      {"sessions_refused", c.sessions_refused},
                      {"sessions_active", c.sessions_active},
                      {"presets_refused_mid", c.presets_refused_mid}};
}

void word_list(std::uint16_t address, std::uint16_t value, json::array& into) {
  into.push_back(json::object{{"address", address}, {"value", value}});
}

}  // namespace

json::object faults_json(const FaultSettings& faults) {
  return json::object{{"mode", to_text(faults.mode)}, {"delay_ms", faults.delay_ms}};
}

json::object modbus_truth_json(const ModbusSlave& slave, const ModbusSlave::Snapshot& snapshot,
                               const ModbusEndpointInfo& endpoints) {
  const mb::PointMap& map = slave.map();
  const SlaveImage& image = snapshot.image;
  const SlaveState& state = snapshot.state;
  json::object out;
  out["serial"] = slave.serial();
  out["simulated_time"] = format_iso8601(image.simulated);
  out["meter_time"] = format_iso8601(snapshot.meter_time);
  out["endpoints"] = endpoints_json(slave, endpoints);
  out["map_file"] =
      slave.spec().map_file.empty() ? json::value(nullptr) : json::value(slave.spec().map_file);
  out["map"] = json::parse(mb::point_map_to_json(map));

  json::array holding, input, coil_bits, input_bits, counters, analogs, discretes, coils;
  for (std::size_t i = 0; i < image.counters.size(); ++i) {
    const auto& point = map.counters.points[i];
    const auto& c = image.counters[i];
    const auto address = mb::address_of(map, point);
    const auto words = mb::split_words(c.raw);
    word_list(address, words[0], holding);
    word_list(static_cast<std::uint16_t>(address + 1), words[1], holding);
    counters.push_back(json::object{{"point", point.point},
                                    {"name", point.name},
                                    {"address", address},
                                    {"source", slave.counter_sources()[i].display_name},
                                    {"display", c.display},
                                    {"raw", c.raw},
                                    {"value", c.value},
                                    {"unit", point.unit}});
  }
  for (std::size_t i = 0; i < image.analogs.size(); ++i) {
    const auto& point = map.analogs.points[i];
    const auto& a = image.analogs[i];
    const auto address = mb::address_of(map, point);
    word_list(address, static_cast<std::uint16_t>(a.raw), input);
    analogs.push_back(json::object{{"point", point.point},
                                   {"name", point.name},
                                   {"address", address},
                                   {"secondary", a.secondary},
                                   {"raw", a.raw},
                                   {"value", a.decoded.value},
                                   {"unit", a.decoded.unit},
                                   {"saturated", a.decoded.saturated}});
  }
  for (std::size_t i = 0; i < image.discrete_inputs.size(); ++i) {
    const auto& point = map.discrete_inputs.points[i];
    const auto& b = image.discrete_inputs[i];
    const auto address = mb::address_of(map, point);
    input_bits.push_back(json::object{{"address", address}, {"value", b.raw}});
    discretes.push_back(json::object{{"point", point.point},
                                     {"name", point.name},
                                     {"address", address},
                                     {"source", to_text(point.source)},
                                     {"active", b.active},
                                     {"raw", b.raw}});
  }
  for (std::size_t i = 0; i < image.coils.size(); ++i) {
    const auto& point = map.coils.points[i];
    const auto address = mb::address_of(map, point);
    coil_bits.push_back(json::object{{"address", address}, {"value", image.coils[i].raw}});
    coils.push_back(json::object{{"point", point.point},
                                 {"name", point.name},
                                 {"address", address},
                                 {"channel", point.channel},
                                 {"on", image.coils[i].active}});
  }
  out["holding_registers"] = std::move(holding);
  out["input_registers"] = std::move(input);
  out["coil_bits"] = std::move(coil_bits);
  out["discrete_input_bits"] = std::move(input_bits);
  out["points"] = json::object{{"counters", std::move(counters)},
                               {"analogs", std::move(analogs)},
                               {"discrete_inputs", std::move(discretes)},
                               {"coils", std::move(coils)}};

  json::array dio;
  for (bool b : state.dio) dio.push_back(b);
  json::object triggers, status;
  for (auto [channel, on] : state.trigger_overrides) triggers[std::to_string(channel)] = on;
  for (auto [which, on] : state.status_overrides) status[to_text(which)] = on;
  out["dio"] = std::move(dio);
  out["overrides"] = json::object{{"triggers", std::move(triggers)}, {"status", std::move(status)}};
  json::array presets;
  for (const auto& [register_name, records] : state.presets)
    for (const auto& r : records)
      presets.push_back(json::object{{"register", register_name},
                                     {"point", r.point},
                                     {"at", format_iso8601(r.simulated)},
                                     {"written", r.written},
                                     {"offset", r.offset}});
  out["presets"] = std::move(presets);
  out["allow_register_presets"] = map.allow_register_presets;
  // A MID meter refuses presets whatever its map allows (modbus_slave.hpp).
  out["presets_locked_mid"] = slave.meter().spec().mid;
  out["allow_output_control"] = map.allow_output_control;
  out["faults"] = faults_json(slave.faults());
  out["stats"] = counters_json(state.counters);
  out["last_request"] =
      state.last_request ? json::value(format_iso8601(*state.last_request)) : json::value(nullptr);
  return out;
}

json::object modbus_endpoints_json(const ModbusService& service) {
  json::array buses, meters;
  for (const auto& b : service.buses()) {
    json::array on_bus;
    for (const auto& [serial, address] : b.meters)
      on_bus.push_back(json::object{{"serial", serial}, {"address", address}});
    buses.push_back(json::object{
        {"name", b.name}, {"baud", b.baud}, {"device", b.device}, {"meters", std::move(on_bus)}});
  }
  for (ModbusSlave* s : service.slaves()) {
    const auto e = service.endpoints(s->serial());
    json::object m{{"serial", s->serial()},
                   {"tcp", optional_text(e.tcp)},
                   {"unit_id", s->spec().effective_unit_id()}};
    if (e.rtu_bus)
      m["rtu"] = json::object{{"bus", *e.rtu_bus}, {"address", e.rtu_address.value_or(0)}};
    if (e.rtu_tcp) m["rtu_tcp"] = rtu_tcp_json(e);
    meters.push_back(std::move(m));
  }
  return json::object{{"buses", std::move(buses)}, {"meters", std::move(meters)}};
}

}  // namespace jemhead::sim
