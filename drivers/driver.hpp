#pragma once
// The seam between the collection engine and the meter protocols. A protocol driver
// registers a factory under its protocol name and declares what it can do; the engine
// asks the registry which profile of a meter can serve a kind of job. Adding a protocol
// touches no other driver (the native "JEM Binary" protocol would be one more entry).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/capability.hpp"
#include "core/connection_profile.hpp"
#include "core/meter.hpp"

namespace jemhead::drivers {

// One open session with one meter over one connection profile. Protocol calls are added
// by the protocol issues (registers, load profile, clock...); the base only opens/closes.
class Session {
 public:
  virtual ~Session() = default;
  virtual void close() = 0;
};

class Driver {
 public:
  virtual ~Driver() = default;
  virtual Protocol protocol() const = 0;
  virtual CapabilitySet capabilities() const = 0;
  // Checks the profile's protocol-specific options (options_json) before it is stored.
  virtual Validation validate_options(const ConnectionProfile& profile) const = 0;
};

class DriverRegistry {
 public:
  using Factory = std::function<std::unique_ptr<Driver>()>;
  void add(Protocol protocol, Factory factory);
  const Driver* find(Protocol protocol) const;
  std::vector<Protocol> protocols() const;

  // The profile of `profiles` that can do `capability`: the default profile first, then
  // the others in order. nullopt with `why` filled when none can.
  std::optional<ConnectionProfile> route(const std::vector<ConnectionProfile>& profiles,
                                         Capability capability, std::string& why) const;

 private:
  std::map<Protocol, std::unique_ptr<Driver>> drivers_;
};

}  // namespace jemhead::drivers
