#pragma once
// jemsim's control routes for the Modbus slaves, next to sim/control_api.hpp:
//
//   GET  /modbus                          buses (pty devices) and every meter's endpoints
//   GET  /meters/{serial}/modbus          truth now, or ?at=ISO8601 (simulated instant)
//   GET  /meters/{serial}/faults          {"mode": ..., "delay_ms": N}
//   POST /meters/{serial}/faults          same body: set the injected fault
//   POST /meters/{serial}/modbus/inputs   {"digital_inputs": {"1": true},
//                                          "triggers": {"4": true, "5": null},
//                                          "status": {"battery": true}}  (null: not forced)
//
// handle() answers nullopt for any other route so the caller can try the main API.
#include <optional>

#include "net/http_server.hpp"
#include "sim/modbus/modbus_service.hpp"

namespace jemhead::sim {

class ModbusControlApi {
 public:
  explicit ModbusControlApi(ModbusService& service) : service_(service) {}
  std::optional<net::HttpResponse> handle(const net::HttpRequest& request) const;

 private:
  ModbusService& service_;
};

}  // namespace jemhead::sim
