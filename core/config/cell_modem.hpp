#pragma once
// COMMUNICATION SETUP, Internal Cell Modem (ANSI meters, L5597-L5695; firmware 5.5.2/6.5.2
// or newer, L5693-L5695). Appendix C lists none of it: the defaults are empty, i.e. the
// modem is unused; once any setting is given it needs an APN and an enabled whitelist entry.
#include <string>
#include <vector>

#include "core/config/ethernet_port.hpp"
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

// "0.0.0.0 / 0.0.0.0, enabled" allows everyone (L5667-L5671).
struct WhitelistEntry {
  std::string ip_address = "0.0.0.0";
  std::string subnet = "0.0.0.0";
  bool enabled = true;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("ip_address", s.ip_address, MaxLength{15}, Seed{"L5655-L5667"},
            "Public IPv4 address allowed to connect");
    v.field("subnet", s.subnet, MaxLength{15}, Seed{"L5667-L5671"}, "Subnet (mask)");
    v.field("enabled", s.enabled, Seed{"L5671-L5675"}, "Entry enabled");
  }
  bool operator==(const WhitelistEntry&) const = default;
};

struct CellModem {
  // 0 = no timeout; else 5, 10, 15, 20, 30 or 60 minutes (L5612-L5614).
  int inactivity_timeout_minutes = 0;
  std::string access_point_name;
  std::vector<WhitelistEntry> whitelisted_ip_addresses;
  std::vector<ProtocolAssignment> protocols;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("inactivity_timeout_minutes", s.inactivity_timeout_minutes,
            Allowed{{0, 5, 10, 15, 20, 30, 60}}, Seed{"L5612-L5614"},
            "Inactivity Timeout, minutes; 0 = no timeout");
    // 3GPP TS 23.003 limits an APN to 100 characters; the manual gives no limit.
    v.field("access_point_name", s.access_point_name, MaxLength{100}, Seed{"L5618-L5654"},
            "Access Point Name from the carrier (NetworkID.MNC.MCC.GPRS); required");
    // No maximum is stated; 32 entries is our limit.
    v.list("whitelisted_ip_addresses", s.whitelisted_ip_addresses, Count{0, 32},
           Seed{"L5655-L5675"}, "Public IPs allowed to connect; none enabled = no access");
    v.list("protocols", s.protocols, Count{0, 8}, Seed{"L5681-L5689"},
           "Up to 8 connections: 4 JEM Binary (one shared port) and 4 DNP");
  }
  bool operator==(const CellModem&) const = default;
};

}  // namespace jemhead::config
