#pragma once
// Which meter sent an alarm (issue 7). The meter does not say who it is in a fixed way: the
// documented DeviceId is missing from the manual's own samples, whose keys are the meter's
// user-titled identification labels ("MV 90 Meter ID": "JEMStarII ID", part4 §4.4). So the
// sender is matched in order of trust:
//   1. the authenticated sender pinned to a meter serial (configuration);
//   2. DeviceId equal to a meter serial;
//   3. a configured identity key ("MV 90 Meter ID", ...) whose value is a meter serial;
//   4. identification labels: a key equal to a meter's identification title (case and
//      spaces ignored) with the same value, when exactly one meter matches;
//   5. the peer address equal to the host of one of a meter's connection profiles, when
//      exactly one meter has it.
// Anything else is quarantined under a sender key ("DeviceId=123", "address=10.1.2.3"),
// never dropped. resolve_meter() is pure over a snapshot; AlarmMeterResolver keeps the
// snapshot fresh from the repository.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alarm/alarm_event.hpp"
#include "core/meter.hpp"
#include "storage/repository.hpp"

namespace jemhead::api {

// What resolution needs to know about one meter.
struct ResolverMeter {
  std::int64_t id = 0;
  std::string serial;
  std::array<IdentificationField, kIdentificationFields> identification{};
  std::vector<std::string> hosts;  // connection profiles' hosts (IP literals or names)
};

// The manual's samples carry the meter's MV-90 identification; DeviceId is the documented
// key. Compared with case and spaces ignored.
inline const std::vector<std::string> kDefaultAlarmIdentityKeys{"DeviceId", "MV 90 Meter ID",
                                                                "MV90 Meter ID", "Meter ID"};

struct MeterResolverOptions {
  std::vector<std::string> identity_keys = kDefaultAlarmIdentityKeys;
};

struct MeterResolution {
  std::optional<std::int64_t> meter_id;  // unset: quarantine
  std::string rule;        // how it matched: "sender", "DeviceId", "identity key ...", ...
  std::string sender_key;  // unresolved: who sent it ("DeviceId=123", "address=10.1.2.3")
  std::string reason;      // unresolved: why, for the stored message's detail
};

// `pinned_serial`: the authenticated sender's meter, "" when none. The events of one
// message come from one meter; the first event that matches a rule decides.
MeterResolution resolve_meter(const std::vector<ResolverMeter>& meters,
                              const MeterResolverOptions& options, const std::string& pinned_serial,
                              const std::vector<AlarmEvent>& events,
                              const std::string& peer_address);

// "MV 90 Meter ID" and "mv90meterid" are the same label.
bool same_label(std::string_view a, std::string_view b);

// resolve_meter() over the repository's meters, reloaded when the snapshot is older than
// `max_age`, and on a miss when the last load is older than `miss_reload_after` (a meter
// just created through the API is found at its first alarm without a reload per alarm
// from unknown senders). Thread-safe.
class AlarmMeterResolver {
 public:
  AlarmMeterResolver(storage::Store& repo, MeterResolverOptions options,
                     std::chrono::milliseconds max_age = std::chrono::seconds(30),
                     std::chrono::milliseconds miss_reload_after = std::chrono::seconds(2));

  MeterResolution resolve(const std::string& pinned_serial, const std::vector<AlarmEvent>& events,
                          const std::string& peer_address);

 private:
  using Snapshot = std::shared_ptr<const std::vector<ResolverMeter>>;
  Snapshot snapshot(bool after_miss);
  std::vector<ResolverMeter> load();

  storage::Store& repo_;
  MeterResolverOptions options_;
  std::chrono::milliseconds max_age_, miss_reload_after_;
  std::mutex mutex_;
  Snapshot snapshot_;
  std::chrono::steady_clock::time_point loaded_at_{};
};

}  // namespace jemhead::api
