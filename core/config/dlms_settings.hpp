#pragma once
// PROTOCOL SETUP, DLMS (L6455-L6593) and IEC 61850 (L6594-L6629). Appendix C lists neither;
// the defaults are the ones the section itself states.
#include <string>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct DlmsSettings {
  int max_apdu_transmit = 512;
  int max_apdu_receive = 512;
  int hdlc_max_information_receive_size = 128;
  int hdlc_max_information_transmit_size = 128;
  int hdlc_max_window_receive_size = 1;
  int hdlc_max_window_transmit_size = 1;
  int hdlc_physical_id = 100;
  int hdlc_inactivity_timeout_seconds = 120;
  int hdlc_interframe_timeout_ms = 1000;
  int tcp_inactivity_timeout_seconds = 60;
  // Associations (L6553-L6593). Public (client 16) is "the current default"; the secure
  // ones are off until an admin turns them on. Passwords are secrets; a cold start restores
  // these defaults (L6591-L6593).
  bool public_client_16_enabled = true;
  bool secure_client_1_enabled = false;
  std::string secure_client_1_password = "ClientId1";
  bool secure_client_2_enabled = false;
  std::string secure_client_2_password = "ClientId2";

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("max_apdu_transmit", s.max_apdu_transmit, Range{0, 65535}, Seed{"L6486-L6488"},
            "Max APDU Transmit");
    v.field("max_apdu_receive", s.max_apdu_receive, Range{0, 65535}, Seed{"L6492-L6494"},
            "Max APDU Receive");
    // "64-2014" verbatim (probably 2048; the documented limit is kept).
    v.field("hdlc_max_information_receive_size", s.hdlc_max_information_receive_size,
            Range{64, 2014}, Seed{"L6502-L6504"}, "HDLC Max Information size Receive");
    v.field("hdlc_max_information_transmit_size", s.hdlc_max_information_transmit_size,
            Range{64, 2014}, Seed{"L6508-L6510"}, "HDLC Max Information size Transmit");
    v.field("hdlc_max_window_receive_size", s.hdlc_max_window_receive_size, Range{1, 7},
            Seed{"L6514-L6515"}, "HDLC Max Window size Receive");
    v.field("hdlc_max_window_transmit_size", s.hdlc_max_window_transmit_size, Range{1, 7},
            Seed{"L6519-L6521"}, "HDLC Max Window size Transmit");
    v.field("hdlc_physical_id", s.hdlc_physical_id, Range{16, 16381}, Seed{"L6525-L6527"},
            "HDLC Physical ID of the meter");
    v.field("hdlc_inactivity_timeout_seconds", s.hdlc_inactivity_timeout_seconds, Range{0, 65535},
            Seed{"L6531-L6533"}, "HDLC Inactivity Timeout, s");
    v.field("hdlc_interframe_timeout_ms", s.hdlc_interframe_timeout_ms, Range{20, 6000},
            Seed{"L6537-L6539"}, "HDLC inter-octet / inter-frame timeout, ms");
    v.field("tcp_inactivity_timeout_seconds", s.tcp_inactivity_timeout_seconds, Range{0, 65535},
            Seed{"L6547-L6549"}, "TCP Inactivity Timeout, s");
    v.field("public_client_16_enabled", s.public_client_16_enabled, Seed{"L6557-L6563"},
            "Public Access, Client ID 16: read-only basic objects, no password");
    v.field("secure_client_1_enabled", s.secure_client_1_enabled, Seed{"L6567-L6571"},
            "Secure Access, Client ID 1: read/write including Set Time/Date");
    // Length is not in the manual; 32 characters is our limit.
    v.field("secure_client_1_password", s.secure_client_1_password, MaxLength{32},
            Seed{"L6567-L6571, L6587-L6593"}, "Client ID 1 password (secret)");
    v.field("secure_client_2_enabled", s.secure_client_2_enabled, Seed{"L6575-L6583"},
            "Secure Access, Client ID 2: read-only, cannot set time/date");
    v.field("secure_client_2_password", s.secure_client_2_password, MaxLength{32},
            Seed{"L6575-L6583, L6587-L6593"}, "Client ID 2 password (secret)");
  }
  bool operator==(const DlmsSettings&) const = default;
};

// The Timesource choice (L6619-L6621) is a screenshot and is not described; the data model
// is set with the separate IED configuration software (L6625-L6629).
struct Iec61850Settings {
  int maximum_connections = 4;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("maximum_connections", s.maximum_connections, Range{1, 10}, Seed{"L6613-L6615"},
            "Maximum client connections");
  }
  bool operator==(const Iec61850Settings&) const = default;
};

}  // namespace jemhead::config
