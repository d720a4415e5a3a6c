#pragma once
// Everything the DLMS driver needs from a connection profile, read and validated in one
// place (Driver::validate_options before a profile is stored, and open()).
//
// options_json keys:
//   "framing":          "wrapper" (IEC 62056-47, the default over tcp) or "hdlc" (HDLC
//                       frames carried over the TCP stream, for terminal servers)
//   "client":           "public", "reader" (the default) or "manager" (manual L6553-L6593)
//   "password":         the LLS password; required for reader and manager, refused for
//                       public. Never echoed in errors or logs.
//   "physical_address": the HDLC Unit ID, 16..16381 (default 100)
//   "scaler_override":  an integer scaler applied to every register instead of the one the
//                       meter reports (-3 for firmware that sends x1000 with scaler 0)
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/connection_profile.hpp"
#include "core/enum_text.hpp"
#include "core/validation.hpp"
#include "drivers/protocol/dlms/session/client_role.hpp"

namespace jemhead::dlms {

enum class DlmsFraming { wrapper, hdlc };

inline constexpr std::uint16_t kDefaultPhysicalAddress = 100;

struct DlmsProfileConfig {
  DlmsFraming framing = DlmsFraming::wrapper;
  session::ClientRole role = session::ClientRole::reader;
  std::string password;
  std::uint16_t physical_address = kDefaultPhysicalAddress;
  std::optional<std::int8_t> scaler_override;
};

struct DlmsProfileLoad {
  DlmsProfileConfig config;
  Validation problems;  // fields "options/<key>" and "transport"
  bool ok() const { return problems.ok(); }
};

DlmsProfileLoad load_dlms_profile(const ConnectionProfile& profile);

}  // namespace jemhead::dlms

template <>
struct jemhead::EnumText<jemhead::dlms::DlmsFraming> {
  static constexpr std::array<std::pair<dlms::DlmsFraming, std::string_view>, 2> names{{
      {dlms::DlmsFraming::wrapper, "wrapper"},
      {dlms::DlmsFraming::hdlc, "hdlc"},
  }};
};
