#include "drivers/driver.hpp"

namespace jemhead::drivers {

void DriverRegistry::add(Protocol protocol, Factory factory) {
  drivers_[protocol] = factory();
}

const Driver* DriverRegistry::find(Protocol protocol) const {
  auto it = drivers_.find(protocol);
  return it == drivers_.end() ? nullptr : it->second.get();
}

std::vector<Protocol> DriverRegistry::protocols() const {
  std::vector<Protocol> out;
  for (const auto& [p, d] : drivers_) out.push_back(p);
  return out;
}

std::optional<ConnectionProfile> DriverRegistry::route(
    const std::vector<ConnectionProfile>& profiles, Capability capability, std::string& why) const {
  std::vector<const ConnectionProfile*> order;
  for (const auto& p : profiles)
    if (p.is_default) order.push_back(&p);
  for (const auto& p : profiles)
    if (!p.is_default) order.push_back(&p);
  if (order.empty()) {
    why = "the meter has no connection profiles";
    return std::nullopt;
  }
  std::string tried;
  for (const auto* p : order) {
    const Driver* d = find(p->protocol);
    if (d && d->capabilities_for(*p).has(capability)) return *p;
    if (!tried.empty()) tried += ", ";
    const std::string reason =
        d ? "cannot " + std::string(to_text(capability)) : std::string("no driver installed");
    tried += p->name + " (" + std::string(to_text(p->protocol)) + ": " + reason + ")";
  }
  why = "no connection profile can " + std::string(to_text(capability)) + "; tried " + tried;
  return std::nullopt;
}

}  // namespace jemhead::drivers
