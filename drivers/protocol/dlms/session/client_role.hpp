#pragma once
// The JEMStar II's three DLMS clients (manual L6553-L6593, part7 §5). The role decides the
// authentication the AARQ carries; the SAP itself is part of the channel's addressing
// (HDLC client address, wrapper source port), fixed when the channel is built.
#include <cstdint>
#include <string_view>

namespace jemhead::dlms::session {

enum class ClientRole {
  public_client,  // SAP 16: no authentication; identification and time only
  reader,         // SAP 2: LLS; reads everything, cannot set the clock
  manager,        // SAP 1: LLS; reads everything and sets the clock
};

constexpr std::uint8_t client_sap(ClientRole role) {
  switch (role) {
    case ClientRole::public_client: return 16;
    case ClientRole::reader: return 2;
    case ClientRole::manager: return 1;
  }
  return 16;
}

constexpr bool uses_lls(ClientRole role) {
  return role != ClientRole::public_client;
}

constexpr std::string_view to_text(ClientRole role) {
  switch (role) {
    case ClientRole::public_client: return "public";
    case ClientRole::reader: return "reader";
    case ClientRole::manager: return "manager";
  }
  return "unknown";
}

}  // namespace jemhead::dlms::session
