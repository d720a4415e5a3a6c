#pragma once
// One simulated meter's alarm notification settings (manual part4 §4, L8003–L8737): the
// WEB Service (Post Address, Request Certificate, Base Certificate, Timeout), the SMTP
// server (Server, Port, Username/Password, From, up to 8 addresses, Frequency), the events
// that notify, and the Notification Details. Keys the meter lacks (Basic auth on the post,
// client certificate, STARTTLS, the JSON style) are the simulator's, so tests can reach
// what a head-end must accept.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jemhead::sim {

// The manual's Request Certificate (L8064–L8084).
enum class CertificateMode {
  disable,    // no certificate: the server is not authenticated
  enable,     // authenticate with the certificate(s); on failure send anyway, insecurely
  mandatory,  // send only when the server authenticates
};

// The JSON the meter writes: the manual's schema, or what its samples show (flat
// identification labels, "Location(Lat)" strings, no DeviceId/EventId; part4 §4.4).
enum class AlarmJsonStyle { documented, sample };

enum class StartTls { none, try_, required };

struct WebAlarmSpec {
  std::string url;     // Post Address
  int timeout_s = 30;  // 1..300, the whole notification including the upload (L8106)
  AlarmJsonStyle style = AlarmJsonStyle::documented;
  std::string user, password;  // Basic authentication when user is set
  CertificateMode certificate = CertificateMode::disable;
  std::string ca_file;                     // the Base Certificate (PEM)
  std::string client_cert, client_key;     // PEM, optional
  std::string user_agent = "curl/7.68.0";  // what the manual's samples show (L8430)
};

struct MailAlarmSpec {
  std::string server = "127.0.0.1";
  std::uint16_t port = 25;         // L8625
  std::string username, password;  // AUTH when username is set (L8631)
  StartTls starttls = StartTls::none;
  std::string ca_file;  // verify the server's certificate with it; empty = do not verify
  std::string from;
  std::vector<std::string> to;  // 1..8 (L8713)
  int frequency_min = 0;        // 0..60: 0 sends at once, else events of the window in one mail
  bool attach_pqdif = true;
  int timeout_s = 60;
  AlarmJsonStyle style = AlarmJsonStyle::documented;
};

// The event types, in the manual's order (L8309–L8365).
inline constexpr std::array<const char*, 8> kSimAlarmTypes{"OU",  "SS", "PQ",  "RE",
                                                           "BAT", "TS", "CFG", "PQD"};

struct AlarmSpec {
  std::optional<WebAlarmSpec> web;
  std::optional<MailAlarmSpec> mail;
  std::vector<std::string> events{kSimAlarmTypes.begin(), kSimAlarmTypes.end()};
  // Notification Details: the fields in every message besides the identification labels.
  std::string source = "JEMStarII";
  std::string owner = "Ametek";
  double latitude = 0.0, longitude = 0.0;
  // title -> value; empty = the meter's own identification fields (those with a title),
  // with the manual's default strings where the meter leaves one empty (L2449–L2476).
  std::vector<std::pair<std::string, std::string>> identification;

  bool enabled(const std::string& type) const {
    for (const auto& e : events)
      if (e == type) return true;
    return false;
  }
};

}  // namespace jemhead::sim
