#pragma once
// The protocols a connection profile can speak, and the transports that carry them.
// Ranges and defaults come from the manual's PC Communication Setup (part1 §4) and the
// meter's port table (part3).
#include <cstdint>

#include "core/enum_text.hpp"

namespace jemhead {

enum class Protocol { dlms, dnp3, modbus, iec61850, iec102, sftp, http, jem_binary };

template <>
struct EnumText<Protocol> {
  static constexpr std::array<std::pair<Protocol, std::string_view>, 8> names{{
      {Protocol::dlms, "dlms"},
      {Protocol::dnp3, "dnp3"},
      {Protocol::modbus, "modbus"},
      {Protocol::iec61850, "iec61850"},
      {Protocol::iec102, "iec102"},
      {Protocol::sftp, "sftp"},
      {Protocol::http, "http"},
      // The meter's native "JEM Binary" protocol is not documented in the manual; the name
      // is reserved so a native driver can be registered later without a schema change.
      {Protocol::jem_binary, "jem_binary"},
  }};
};

// The meter's factory default TCP port for each protocol.
constexpr std::uint16_t default_tcp_port(Protocol p) {
  switch (p) {
    case Protocol::dlms: return 4059;
    case Protocol::dnp3: return 20000;
    case Protocol::modbus: return 502;
    case Protocol::iec61850: return 102;
    case Protocol::iec102: return 2001;
    case Protocol::sftp: return 22;
    case Protocol::http: return 80;
    case Protocol::jem_binary: return 2001;  // manual L1426-1430
  }
  return 0;
}

// Protocols whose driver reads its point map from the meter's configuration document
// (issue 8): the map cannot be discovered over the wire. Only meters with such a profile
// need their configuration loaded before a session.
constexpr bool reads_point_map_from_configuration(Protocol p) {
  return p == Protocol::modbus || p == Protocol::dnp3;
}

enum class Transport { tcp, tls, serial, rs485, modem, optical, cell };

template <>
struct EnumText<Transport> {
  static constexpr std::array<std::pair<Transport, std::string_view>, 7> names{{
      {Transport::tcp, "tcp"},
      {Transport::tls, "tls"},
      {Transport::serial, "serial"},
      {Transport::rs485, "rs485"},
      {Transport::modem, "modem"},
      {Transport::optical, "optical"},
      {Transport::cell, "cell"},
  }};
};

constexpr bool is_network(Transport t) {
  return t == Transport::tcp || t == Transport::tls || t == Transport::cell;
}
constexpr bool is_line(Transport t) {
  return !is_network(t);
}

}  // namespace jemhead
