#pragma once
// The DLMS/COSEM protocol driver (issue 5): the meter's DLMS interface over TCP, with the
// IEC 62056-47 wrapper (port 4059) or HDLC frames carried over the stream: registers,
// instantaneous values, clock read and set, identity, the two load profiles and the
// Ethernet connection log (driver_session.hpp).
#include "drivers/driver.hpp"

namespace jemhead::dlms {

class DlmsDriver final : public drivers::Driver {
 public:
  Protocol protocol() const override { return Protocol::dlms; }
  CapabilitySet capabilities() const override;
  // Narrowed by the profile's client: only the manager sets the clock, the public client
  // reads the clock and the identity only. An unusable profile gets the public set.
  CapabilitySet capabilities_for(const ConnectionProfile& profile) const override;
  // The profile's options (profile_config.hpp), every problem named.
  Validation validate_options(const ConnectionProfile& profile) const override;
  // Connects and opens the association, so a refused connection or a wrong password
  // (AuthenticationFailed, kind "authentication_failed") fails here.
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter& meter,
                                                        const ConnectionProfile& profile,
                                                        drivers::Executor executor) const override;
};

}  // namespace jemhead::dlms
