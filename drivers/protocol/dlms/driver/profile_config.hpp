#pragma once
// Everything the DLMS driver needs from a connection profile, read and validated in one
// place (Driver::validate_options before a profile is stored, and open()).
//
// Transports: tcp (wrapper or HDLC framing), and serial, optical and modem lines, which
// carry HDLC only (IEC 62056-46; the manual's DLMS physical layer, L13925-L13936). rs485
// is refused: the meter's DLMS serial link is point to point, and a shared multi-drop line
// would need the line arbitration DLMS sessions do not have (an RS-485 adapter wired to
// one meter is transport serial). Optical expects the probe's port to talk HDLC at the
// profile's baud (1200..19200, L5077): no IEC 62056-21 mode E sign-on (docs/dlms.md).
//
// options_json keys:
//   "framing":          "wrapper" (IEC 62056-47, the default over tcp) or "hdlc" (HDLC
//                       frames carried over the TCP stream, for terminal servers); lines
//                       are always hdlc, and "wrapper" there is an error
//   "inactivity_timeout_s": the meter's HDLC inactivity timeout, 0..65535 s, default 120,
//                       0 = none (L6531-L6533): a link idle longer is known to be dropped
//   "inter_frame_timeout_ms": the meter's HDLC inter-frame timeout, 20..6000 ms, default
//                       1000 (L6537-L6539); below the profile's timeout_ms
//   "dial_timeout_s":   modem only: how long to wait for CONNECT, 5..300 s, default 60
//   "client":           "public", "reader" (the default) or "manager" (manual L6553-L6593)
//   "password":         the LLS password; required for reader and manager, refused for
//                       public. Never echoed in errors or logs.
//   "physical_address": the HDLC Unit ID, 16..16381 (default 100)
//   "scaler_override":  an integer scaler applied to every register instead of the one the
//                       meter reports (-3 for firmware that sends x1000 with scaler 0)
#include <array>
#include <chrono>
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
  std::chrono::seconds inactivity_timeout{120};
  std::chrono::milliseconds inter_frame_timeout{1000};
  std::chrono::seconds dial_timeout{60};
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
