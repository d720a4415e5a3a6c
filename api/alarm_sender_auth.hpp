#pragma once
// Who may post web alarms (issue 7). Meters cannot sign their requests: what they can do is
// call a configured URL (which may carry a secret), send Basic credentials in it, present a
// client certificate over HTTPS, or come from a known address. Each configured sender lists
// the credentials it must present; a request is accepted as the first sender all of whose
// configured credentials match. A sender may be pinned to one meter.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_server.hpp"

namespace jemhead::api {

struct AlarmSender {
  std::string name;                          // in logs, the stored message and metrics
  std::string url_token_sha256;              // POST <path>/<token>: SHA-256 hex of the token
  std::string basic_user;                    // Basic auth user ...
  std::string basic_password_sha256;         // ... and SHA-256 hex of its password
  std::string client_certificate_subject;    // exact verified subject (RFC 2253)
  std::vector<std::string> allow_addresses;  // CIDR or single addresses, IPv4 and IPv6
  std::string meter_serial;                  // set: every alarm from this sender is this meter's
};

struct AlarmSenderPolicy {
  std::vector<AlarmSender> senders;
  // No sender matched: accept anyway (as sender "") instead of 401/403. Off by default.
  bool allow_anonymous = false;
};

struct SenderCheck {
  const AlarmSender* sender = nullptr;  // null with ok: anonymous
  bool ok = false;
  int status = 401;    // when refused: 401 (credentials missing or wrong) or 403 (address)
  std::string reason;  // for the log and the problem body; never echoes a secret
};

// `url_token` is the path segment after the configured path ("" when none).
SenderCheck check_alarm_sender(const AlarmSenderPolicy& policy, const net::HttpRequest& request,
                               std::string_view url_token);

// "10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8". nullopt when `address` or `range` is not
// an IP address (a malformed range matches nothing).
std::optional<bool> address_in_range(std::string_view address, std::string_view range);

}  // namespace jemhead::api
