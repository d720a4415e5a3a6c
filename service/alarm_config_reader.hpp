#pragma once
// Reads the `alarms` section (service/alarm_config.hpp): listeners, TLS files (checked to
// be readable now, not at the first meter's connection), senders and SMTP users with their
// secrets as SHA-256 hex (`jemhead hash-token`), identity keys and webhook retry delays.
#include "service/config.hpp"
#include "service/yaml_map.hpp"

namespace jemhead::service {

inline constexpr std::size_t kMaxAlarmSenders = 10000;
inline constexpr std::size_t kMaxSmtpUsers = 1000;

// `alarms` is the node under the top-level key (may be undefined); `place` is its place.
void read_alarms(const YAML::Node& alarms, const NodePlace& place, ConfigErrors& errors,
                 AlarmsConfig& out);

}  // namespace jemhead::service
