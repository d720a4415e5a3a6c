#include "sim/dlms/dlms_truth_json.hpp"

#include <boost/json.hpp>

#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "sim/dlms/ethernet_log_object.hpp"

namespace jemhead::sim {

namespace json = boost::json;
using namespace dlms_server;

namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

json::object endpoint_json(const std::string& serial, const DlmsEndpointInfo& e) {
  json::value hdlc = nullptr;
  if (e.hdlc)
    hdlc = json::object{
        {"device", e.hdlc->device},
        {"link", e.hdlc->link.empty() ? json::value(nullptr) : json::value(e.hdlc->link)},
        {"baud", e.hdlc->baud},
        {"max_info", e.hdlc->max_info},
        {"server_address", json::object{{"upper", 1}, {"lower", e.physical_address}}}};
  return json::object{
      {"serial", serial},
      {"tcp", e.tcp},
      {"physical_address", e.physical_address},
      {"server_wport", 1},
      {"hdlc", std::move(hdlc)},
      {"hdlc_tcp", e.hdlc_tcp.empty() ? json::value(nullptr) : json::value(e.hdlc_tcp)}};
}

// The log as served: the entries (time exactly as the buffer states it, status code and the
// manual's words), oldest first.
json::object ethernet_log_json(const EthernetLog& log) {
  json::array entries;
  for (const auto& e : log.entries()) {
    const bool connect = e.status == EthernetStatus::connect;
    entries.push_back(
        json::object{{"time", format_iso8601(e.meter_time)},
                     {"status", static_cast<std::uint32_t>(e.status)},
                     {"description", connect ? "Ethernet Connect" : "Ethernet Disconnect"}});
  }
  return json::object{{"obis", kEthernetLogObis.to_string()},
                      {"profile_entries", log.capacity()},
                      {"entries_in_use", entries.size()},
                      {"entries", std::move(entries)}};
}

json::object counters_json(const DlmsCounters& c) {
  return json::object{{"connections_accepted", c.connections_accepted.load()},
                      {"connections_refused", c.connections_refused.load()},
                      {"connections_closed", c.connections_closed.load()},
                      {"idle_timeouts", c.idle_timeouts.load()},
                      {"associations_accepted", c.associations_accepted.load()},
                      {"associations_rejected", c.associations_rejected.load()},
                      {"releases", c.releases.load()},
                      {"get_requests", c.get_requests.load()},
                      {"set_requests", c.set_requests.load()},
                      {"datablocks_sent", c.datablocks_sent.load()},
                      {"exceptions", c.exceptions.load()},
                      {"ignored_frames", c.ignored_frames.load()},
                      {"transfers_dropped", c.transfers_dropped.load()},
                      {"hdlc_frames_in", c.hdlc_frames_in.load()},
                      {"hdlc_frames_out", c.hdlc_frames_out.load()},
                      {"hdlc_segments_out", c.hdlc_segments_out.load()},
                      {"hdlc_retransmissions", c.hdlc_retransmissions.load()},
                      {"hdlc_bad_frames", c.hdlc_bad_frames.load()},
                      {"hdlc_foreign_frames", c.hdlc_foreign_frames.load()}};
}

}  // namespace

json::object dlms_truth_json(const DlmsMeterServer& server, const DlmsSnapshot& snapshot,
                             const DlmsEndpointInfo& endpoint) {
  json::object out = endpoint_json(server.serial(), endpoint);
  out["connected"] = endpoint.connected;
  out["max_pdu_size"] = server.spec().max_pdu_size;
  out["clients"] = json::object{{"public", 16}, {"reader", 2}, {"manager", 1}};
  out["clock"] = json::object{
      {"obis", kClockObis.to_string()},
      {"meter_time", format_iso8601(snapshot.meter_time)},
      {"time", hex(axdr::encode(clock_time_value(snapshot.meter_time)))},  // attr 2, A-XDR
      {"time_zone", kClockTimeZoneMinutes},
  };
  json::array registers;
  for (const auto& r : snapshot.registers)
    registers.push_back(json::object{{"obis", r.obis.to_string()},
                                     {"description", r.description},
                                     {"value", r.value},
                                     {"scaler", r.scaler},
                                     {"unit", "Wh"},
                                     {"unit_code", static_cast<int>(r.unit)},
                                     {"primary_wh", r.primary_wh}});
  out["registers"] = std::move(registers);
  out["ethernet_log"] = ethernet_log_json(server.ethernet_log());
  out["counters"] = counters_json(server.counters());
  out["fault"] = dlms_fault_json(server.fault());
  return out;
}

json::object dlms_fault_json(const DlmsFault& fault) {
  return json::object{{"drop_after_blocks", fault.drop_after_blocks}, {"times", fault.times}};
}

json::object dlms_endpoints_json(const DlmsService& service) {
  json::array meters;
  for (const auto* s : service.servers())
    if (auto e = service.endpoint(s->serial())) meters.push_back(endpoint_json(s->serial(), *e));
  return json::object{{"meters", std::move(meters)}};
}

}  // namespace jemhead::sim
