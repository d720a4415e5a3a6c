#include "drivers/protocol/dlms/driver/profile_config.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace jemhead::dlms {

namespace json = boost::json;

namespace {

// Generous for five short keys; a larger body is a mistake, not a configuration.
constexpr std::size_t kMaxOptionsBytes = 4096;
constexpr std::size_t kMaxPasswordBytes = 64;

std::optional<session::ClientRole> parse_role(std::string_view text) {
  for (auto role : {session::ClientRole::public_client, session::ClientRole::reader,
                    session::ClientRole::manager})
    if (session::to_text(role) == text) return role;
  return std::nullopt;
}

void read_framing(const json::value& value, const ConnectionProfile& profile,
                  DlmsProfileLoad& out) {
  const auto* s = value.if_string();
  const auto parsed = s ? from_text<DlmsFraming>(std::string_view(*s)) : std::nullopt;
  if (!parsed) {
    out.problems.fail("options/framing", "must be one of " + allowed_texts<DlmsFraming>());
    return;
  }
  if (*parsed == DlmsFraming::wrapper && profile.transport != Transport::tcp)
    out.problems.fail("options/framing", "the wrapper runs over tcp only");
  out.config.framing = *parsed;
}

void read_integer(const json::value& value, std::string_view field, std::int64_t lo,
                  std::int64_t hi, Validation& problems, std::int64_t& into) {
  if (!value.is_int64()) {  // a uint64 beyond int64 is out of every range here too
    problems.fail(std::string(field), value.is_uint64() ? "out of range" : "must be an integer");
    return;
  }
  const auto n = value.as_int64();
  problems.range(field, n, lo, hi);
  into = n;
}

}  // namespace

DlmsProfileLoad load_dlms_profile(const ConnectionProfile& profile) {
  DlmsProfileLoad out;
  Validation& v = out.problems;

  switch (profile.transport) {
    case Transport::tcp: break;
    case Transport::serial:
    case Transport::optical:
    case Transport::modem: out.config.framing = DlmsFraming::hdlc; break;
    case Transport::rs485:
      v.fail("transport",
             "DLMS runs point to point; use transport serial for an RS-485 adapter wired to "
             "one meter");
      break;
    case Transport::tls:
    case Transport::cell:
      v.fail("transport", "the DLMS driver supports tcp, serial, optical and modem");
      break;
  }
  // The optical port runs at 1,200 to 19,200 baud (manual L5077).
  if (profile.transport == Transport::optical && profile.baud > 19200)
    v.fail("baud", "the meter's optical port runs at 1200 to 19200 baud");

  if (profile.options_json.size() > kMaxOptionsBytes) {
    v.fail("options", "too large");
    return out;
  }
  std::error_code ec;
  const std::string_view text =
      profile.options_json.empty() ? std::string_view("{}") : profile.options_json;
  json::parse_options po;
  po.max_depth = 4;
  const auto doc = json::parse(text, ec, json::storage_ptr(), po);
  if (ec || !doc.is_object()) {
    v.fail("options", ec ? "not valid JSON: " + ec.message() : "must be an object");
    return out;
  }

  bool password_given = false;
  for (const auto& [key, value] : doc.as_object()) {
    if (key == "framing") {
      read_framing(value, profile, out);
    } else if (key == "client") {
      const auto* s = value.if_string();
      const auto role = s ? parse_role(std::string_view(*s)) : std::nullopt;
      if (role)
        out.config.role = *role;
      else
        v.fail("options/client", "must be one of public, reader, manager");
    } else if (key == "password") {
      // The value itself never goes into a message: it is a secret.
      const auto* s = value.if_string();
      if (!s)
        v.fail("options/password", "must be a string");
      else if (s->size() > kMaxPasswordBytes)
        v.fail("options/password", "longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
      else
        out.config.password = std::string(*s), password_given = true;
    } else if (key == "physical_address") {
      std::int64_t n = kDefaultPhysicalAddress;
      read_integer(value, "options/physical_address", 16, 16381, v, n);
      if (n >= 16 && n <= 16381) out.config.physical_address = static_cast<std::uint16_t>(n);
    } else if (key == "scaler_override") {
      std::int64_t n = 0;
      const auto before = v.errors().size();
      read_integer(value, "options/scaler_override", -128, 127, v, n);
      if (v.errors().size() == before) out.config.scaler_override = static_cast<std::int8_t>(n);
    } else if (key == "inactivity_timeout_s") {
      std::int64_t n = 120;
      read_integer(value, "options/inactivity_timeout_s", 0, 65535, v, n);
      out.config.inactivity_timeout = std::chrono::seconds(std::clamp<std::int64_t>(n, 0, 65535));
    } else if (key == "inter_frame_timeout_ms") {
      std::int64_t n = 1000;
      read_integer(value, "options/inter_frame_timeout_ms", 20, 6000, v, n);
      out.config.inter_frame_timeout =
          std::chrono::milliseconds(std::clamp<std::int64_t>(n, 20, 6000));
    } else if (key == "dial_timeout_s") {
      std::int64_t n = 60;
      read_integer(value, "options/dial_timeout_s", 5, 300, v, n);
      out.config.dial_timeout = std::chrono::seconds(std::clamp<std::int64_t>(n, 5, 300));
      if (profile.transport != Transport::modem)
        v.fail("options/dial_timeout_s", "only used with transport modem");
    } else {
      v.fail("options/" + std::string(key).substr(0, 64), "unknown option");
    }
  }

  // The meter abandons a frame after its inter-frame timeout; waiting less than that for
  // its answers would poll while a frame may still be coming.
  if (out.config.framing == DlmsFraming::hdlc &&
      std::chrono::milliseconds(profile.timeout_ms) <= out.config.inter_frame_timeout)
    v.fail("options/inter_frame_timeout_ms", "must be shorter than the profile's timeout_ms (" +
                                                 std::to_string(profile.timeout_ms) + " ms)");

  // LLS clients authenticate with a password (manual L6553-L6593); the public client has
  // none, so a password there is a configuration mistake the meter would reject anyway.
  if (session::uses_lls(out.config.role) && (!password_given || out.config.password.empty()))
    v.fail("options/password",
           "required for the " + std::string(session::to_text(out.config.role)) + " client");
  if (!session::uses_lls(out.config.role) && password_given)
    v.fail("options/password", "the public client does not authenticate");
  return out;
}

}  // namespace jemhead::dlms
