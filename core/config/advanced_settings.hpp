#pragma once
// COMMUNICATION SETUP, Advanced Settings (L5310-L5596): DNS, SFTP, Binary Encryption (TLS
// 1.2) and HTTPS, shared by both Ethernet ports and the cell modem (L5312-L5314). They need
// firmware 5.5.2/6.5.2 or newer (L5316-L5318). Appendix C lists none of them.
#include <string>

#include "core/config/communication_enums.hpp"
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct DnsSettings {
  DnsSource dns_source = DnsSource::disabled;
  std::string dns_server_1;  // IPv4; only "DNS Server 1" is named (L5347)
  std::string search;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("dns_source", s.dns_source, Seed{"L5337-L5343"},
            "DNS Source: disabled, manual (the servers below) or cellular (the carrier's)");
    v.field("dns_server_1", s.dns_server_1, MaxLength{15}, Seed{"L5347-L5349"},
            "DNS Server 1 (IPv4); needed when the source is manual");
    // A DNS name is at most 253 characters (RFC 1035); the manual gives no limit.
    v.field("search", s.search, MaxLength{253}, Seed{"L5353-L5355"},
            "Search: domain name used for DNS lookups");
  }
  bool operator==(const DnsSettings&) const = default;
};

struct AdvancedSettings {
  DnsSettings dns;
  // Off until set: the TLS procedure starts with "If SFTP is disabled, enable it" (L5430).
  bool sftp_enabled = false;
  int sftp_port = 22;
  bool binary_tls_enabled = false;
  bool https_enabled = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("dns", s.dns, Seed{"L5327-L5355"}, "DNS Settings");
    v.field("sftp_enabled", s.sftp_enabled, Seed{"L5363-L5394"},
            "SFTP access to and from the meter, on every Ethernet and cell port at once");
    v.field("sftp_port", s.sftp_port, Range{1, 65535}, Seed{"L5369-L5371, L5799-L5810"},
            "TCP port of the SFTP service");
    v.field("binary_tls_enabled", s.binary_tls_enabled, Seed{"L5400-L5507"},
            "Binary Encryption: accept JEM Binary over TLS 1.2 only (needs the meter's CA)");
    v.field("https_enabled", s.https_enabled, Seed{"L5508-L5596"},
            "HTTPS Enabled: the web server accepts HTTPS (443) only");
  }
  bool operator==(const AdvancedSettings&) const = default;
};

}  // namespace jemhead::config
