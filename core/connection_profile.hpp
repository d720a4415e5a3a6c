#pragma once
// A connection profile is one way of reaching a meter: a protocol over a transport with
// its parameters. A meter has several (JEMWare II keeps five pages per meter, one marked
// default); the collection engine picks one whose driver has the needed capability.
#include <cstdint>
#include <optional>
#include <string>

#include "core/protocol.hpp"
#include "core/validation.hpp"

namespace jemhead {

struct ConnectionProfile {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::string name;  // unique per meter, e.g. "ethernet-dlms"
  Protocol protocol = Protocol::dlms;
  Transport transport = Transport::tcp;
  bool is_default = false;

  // tcp / tls / cell
  std::string host;
  std::uint16_t port = 0;  // 0 = the protocol's default port

  // serial / rs485 / optical / modem: the local device (e.g. /dev/ttyUSB0)
  std::string device;
  std::uint32_t baud = 9600;
  std::uint16_t address = 1;          // meter address on the line, 1-254 (manual L1373)
  std::uint32_t rs485_delay_ms = 40;  // turnaround delay; the manual suggests 40 ms
  std::string probe;                  // optical probe type
  std::string modem_init = "ATZ";     // manual L194
  std::string phone;                  // dialled as entered, at most 50 chars (L1692)

  std::uint32_t retries = 3;        // connection retries after a failure
  std::uint32_t retry_delay_s = 5;  // seconds between retries
  std::uint32_t timeout_ms = 5000;  // per request

  // Protocol-specific settings as a JSON object (e.g. DLMS client SAP, Modbus CRC byte
  // order); each driver validates its own keys.
  std::string options_json = "{}";

  std::uint16_t effective_port() const { return port ? port : default_tcp_port(protocol); }
};

inline constexpr std::uint32_t kSerialBaudRates[] = {1200, 2400, 4800, 9600, 19200, 38400};
inline constexpr std::size_t kPhoneMaxChars = 50;

// Every rule at once; field names as in the REST API.
Validation validate(const ConnectionProfile& p);

}  // namespace jemhead
