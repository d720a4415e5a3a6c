#include "api/alarm_meter_resolver.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace jemhead::api {

namespace {

std::string label_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isspace(u)) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "[::1]" -> "::1", "::ffff:10.1.2.3" -> "10.1.2.3" (a v4 peer on a dual-stack socket),
// lower case (hex digits, host names).
std::string address_key(std::string_view address) {
  std::string a(trimmed(address));
  if (a.size() > 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
  for (auto& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string mapped = "::ffff:";
  if (a.rfind(mapped, 0) == 0 && a.find('.') != std::string::npos) a = a.substr(mapped.size());
  return a;
}

// The value an event carries under `key` (DeviceId is a documented field; the others are
// identification labels); empty when absent.
std::string value_of(const AlarmEvent& e, std::string_view key) {
  const auto wanted = label_key(key);
  if (wanted == "deviceid") return std::string(trimmed(e.device_id));
  for (const auto& [k, v] : e.identification)
    if (label_key(k) == wanted) return std::string(trimmed(v));
  return {};
}

const ResolverMeter* by_serial(const std::vector<ResolverMeter>& meters, std::string_view serial) {
  if (serial.empty()) return nullptr;
  for (const auto& m : meters)
    if (m.serial == serial) return &m;
  return nullptr;
}

MeterResolution found(const ResolverMeter& m, std::string rule) {
  MeterResolution r;
  r.meter_id = m.id;
  r.rule = std::move(rule);
  return r;
}

std::string keyed(std::string_view key, std::string_view value) {
  std::string s(key);
  s += '=';
  s += value;
  return s;
}

// Who sent it, for the quarantine list: the most specific identity the message carries.
std::string sender_key_of(const MeterResolverOptions& options,
                          const std::vector<AlarmEvent>& events, const std::string& peer) {
  for (const auto& e : events)
    if (auto v = trimmed(e.device_id); !v.empty()) return keyed("DeviceId", v);
  for (const auto& key : options.identity_keys)
    for (const auto& e : events)
      for (const auto& [k, v] : e.identification)
        if (same_label(k, key) && !trimmed(v).empty()) return keyed(k, trimmed(v));
  return keyed("address", address_key(peer));
}

// Rule 4. A label matching one meter identifies it; labels every meter shares (the
// manual's defaults: "Administrator": "Ametek Power") identify nobody.
std::optional<MeterResolution> by_labels(const std::vector<ResolverMeter>& meters,
                                         const AlarmEvent& e, std::string& ambiguity,
                                         bool& conflict) {
  std::set<std::int64_t> unique;  // meters identified by some label on its own
  std::string unique_label;
  std::size_t fewest_shared = 0;
  for (const auto& [k, v] : e.identification) {
    const auto key = label_key(k);
    const auto value = trimmed(v);
    if (key.empty() || value.empty()) continue;
    std::vector<const ResolverMeter*> matches;
    for (const auto& m : meters)
      for (const auto& field : m.identification)
        if (!field.title.empty() && label_key(field.title) == key &&
            trimmed(field.value) == value) {
          matches.push_back(&m);
          break;
        }
    if (matches.size() == 1) {
      unique.insert(matches.front()->id);
      if (unique_label.empty()) unique_label = k;
    } else if (matches.size() > 1 && (fewest_shared == 0 || matches.size() < fewest_shared)) {
      fewest_shared = matches.size();
    }
  }
  if (unique.size() == 1) {
    for (const auto& m : meters)
      if (m.id == *unique.begin()) return found(m, "identification label " + unique_label);
  }
  if (unique.size() > 1) {
    conflict = true;
    ambiguity =
        "identification labels point at " + std::to_string(unique.size()) + " different meters";
  } else if (fewest_shared > 1) {
    ambiguity = "identification labels match " + std::to_string(fewest_shared) +
                " meters; none identifies one meter";
  }
  return std::nullopt;
}

}  // namespace

bool same_label(std::string_view a, std::string_view b) {
  return label_key(a) == label_key(b);
}

MeterResolution resolve_meter(const std::vector<ResolverMeter>& meters,
                              const MeterResolverOptions& options, const std::string& pinned_serial,
                              const std::vector<AlarmEvent>& events,
                              const std::string& peer_address) {
  // 1. A sender pinned to a meter is that meter, whatever the message says.
  if (!pinned_serial.empty()) {
    if (const auto* m = by_serial(meters, pinned_serial)) return found(*m, "sender");
    MeterResolution r;
    r.sender_key = keyed("serial", pinned_serial);
    r.reason =
        "the sender is pinned to meter serial '" + pinned_serial + "', which is not in the fleet";
    return r;
  }
  // 2. DeviceId, 3. configured identity keys, against serials.
  for (const auto& e : events)
    if (const auto* m = by_serial(meters, trimmed(e.device_id))) return found(*m, "DeviceId");
  for (const auto& key : options.identity_keys)
    for (const auto& e : events)
      if (const auto* m = by_serial(meters, value_of(e, key)))
        return found(*m, "identity key " + key);
  // 4. Identification labels.
  // Labels naming two different meters contradict each other: quarantine rather than
  // guess by address. Labels many meters share (the manual's defaults) only say nothing.
  std::string ambiguity;
  for (const auto& e : events) {
    std::string why;
    bool conflict = false;
    if (auto r = by_labels(meters, e, why, conflict)) return *r;
    if (conflict) {
      MeterResolution r;
      r.sender_key = sender_key_of(options, events, peer_address);
      r.reason = why;
      return r;
    }
    if (ambiguity.empty()) ambiguity = why;
  }
  // 5. The peer address, when one meter is reached at it.
  const auto peer = address_key(peer_address);
  std::vector<const ResolverMeter*> at_peer;
  if (!peer.empty())
    for (const auto& m : meters)
      if (std::any_of(m.hosts.begin(), m.hosts.end(),
                      [&](const std::string& h) { return address_key(h) == peer; }))
        at_peer.push_back(&m);
  if (at_peer.size() == 1) return found(*at_peer.front(), "address");

  MeterResolution r;
  r.sender_key = sender_key_of(options, events, peer_address);
  if (!ambiguity.empty()) {
    r.reason = ambiguity;
  } else if (at_peer.size() > 1) {
    r.reason = "address " + peer + " is the host of " + std::to_string(at_peer.size()) +
               " meters' connection profiles";
  } else {
    r.reason = "no meter matches " + r.sender_key;
  }
  return r;
}

AlarmMeterResolver::AlarmMeterResolver(storage::Store& repo, MeterResolverOptions options,
                                       std::chrono::milliseconds max_age,
                                       std::chrono::milliseconds miss_reload_after)
    : repo_(repo),
      options_(std::move(options)),
      max_age_(max_age),
      miss_reload_after_(miss_reload_after) {}

std::vector<ResolverMeter> AlarmMeterResolver::load() {
  std::vector<ResolverMeter> out;
  storage::Page page;
  page.limit = 1000;
  for (;;) {
    const auto meters = repo_.list_meters({}, page);
    for (const auto& m : meters) {
      ResolverMeter r;
      r.id = m.id;
      r.serial = m.serial;
      r.identification = m.identification;
      for (const auto& p : repo_.list_connections(m.id))
        if (!p.host.empty()) r.hosts.push_back(p.host);
      out.push_back(std::move(r));
    }
    if (meters.size() < page.limit) break;
    page.after_id = meters.back().id;
  }
  return out;
}

AlarmMeterResolver::Snapshot AlarmMeterResolver::snapshot(bool after_miss) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const auto age = now - loaded_at_;
    const bool stale = !snapshot_ || age > max_age_ || (after_miss && age > miss_reload_after_);
    if (!stale) return snapshot_;
  }
  // Loaded outside the lock: a slow database does not hold up resolutions that can use the
  // current snapshot (two concurrent loads are harmless).
  auto fresh = std::make_shared<const std::vector<ResolverMeter>>(load());
  std::lock_guard lock(mutex_);
  snapshot_ = fresh;
  loaded_at_ = now;
  return snapshot_;
}

MeterResolution AlarmMeterResolver::resolve(const std::string& pinned_serial,
                                            const std::vector<AlarmEvent>& events,
                                            const std::string& peer_address) {
  auto meters = snapshot(false);
  auto r = resolve_meter(*meters, options_, pinned_serial, events, peer_address);
  if (r.meter_id) return r;
  auto again = snapshot(true);
  if (again == meters) return r;
  return resolve_meter(*again, options_, pinned_serial, events, peer_address);
}

}  // namespace jemhead::api
