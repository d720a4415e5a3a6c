#include "core/connection_profile.hpp"

#include <algorithm>
#include <iterator>

namespace jemhead {

Validation validate(const ConnectionProfile& p) {
  Validation v;
  v.not_empty("name", p.name);
  v.max_length("name", p.name, 64);
  v.range("retries", p.retries, 0, 20);
  v.range("retry_delay_s", p.retry_delay_s, 0, 3600);
  v.range("timeout_ms", p.timeout_ms, 100, 300000);

  if (is_network(p.transport)) {
    v.not_empty("host", p.host);
    v.max_length("host", p.host, 253);
    if (!p.device.empty())
      v.fail("device", "not used with transport " + std::string(to_text(p.transport)));
    if (!p.phone.empty()) v.fail("phone", "only used with transport modem");
  } else {
    v.not_empty("device", p.device);
    v.max_length("device", p.device, 255);
    if (!p.host.empty())
      v.fail("host", "not used with transport " + std::string(to_text(p.transport)));
    if (p.port != 0) v.fail("port", "not used with transport " + std::string(to_text(p.transport)));
    if (std::find(std::begin(kSerialBaudRates), std::end(kSerialBaudRates), p.baud) ==
        std::end(kSerialBaudRates))
      v.fail("baud", "must be one of 1200, 2400, 4800, 9600, 19200, 38400 (got " +
                         std::to_string(p.baud) + ")");
    v.range("address", p.address, 1, 254, "meter address on the line (manual L1373)");
    v.range("rs485_delay_ms", p.rs485_delay_ms, 0, 1000);
  }
  if (p.transport == Transport::modem) {
    v.not_empty("phone", p.phone);
    v.max_length("phone", p.phone, kPhoneMaxChars);
    v.not_empty("modem_init", p.modem_init);
    v.max_length("modem_init", p.modem_init, 60);
  } else if (!p.phone.empty()) {
    v.fail("phone", "only used with transport modem");
  }
  if (p.transport == Transport::optical) v.max_length("probe", p.probe, 64);

  // File channels run over the network only; serial lines carry the metering protocols.
  if ((p.protocol == Protocol::sftp || p.protocol == Protocol::http) && !is_network(p.transport))
    v.fail("transport", std::string(to_text(p.protocol)) + " needs transport tcp, tls or cell");
  if (p.protocol == Protocol::iec61850 && !is_network(p.transport))
    v.fail("transport", "iec61850 needs transport tcp, tls or cell");
  return v;
}

}  // namespace jemhead
