#pragma once
// The REST body of a DLMS connection profile to one of jemsim's TCP endpoints
// ("127.0.0.1:PORT" from GET /meters/{serial}/dlms: "tcp" for the wrapper, "hdlc_tcp" for
// HDLC frames on TCP). Shared by the DLMS end-to-end tests.
#include <boost/json.hpp>
#include <string>

namespace jemhead::testing {

struct DlmsTcpProfile {
  std::string name = "ethernet-dlms";
  bool is_default = true;
  int retries = 0;
  int timeout_ms = 5000;
};

inline boost::json::object dlms_tcp_connection(const std::string& endpoint,
                                               boost::json::object options,
                                               const DlmsTcpProfile& profile = {}) {
  const auto colon = endpoint.rfind(':');
  return {{"name", profile.name},
          {"protocol", "dlms"},
          {"transport", "tcp"},
          {"is_default", profile.is_default},
          {"host", endpoint.substr(0, colon)},
          {"port", std::stoi(endpoint.substr(colon + 1))},
          {"retries", profile.retries},
          {"retry_delay_s", 0},
          {"timeout_ms", profile.timeout_ms},
          {"options", std::move(options)}};
}

// The wrapper endpoint of a meter's DLMS truth (GET /meters/{serial}/dlms).
inline std::string dlms_tcp_endpoint(const boost::json::object& truth) {
  return std::string(truth.at("tcp").as_string());
}

}  // namespace jemhead::testing
