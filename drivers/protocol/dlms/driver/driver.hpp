#pragma once
// The DLMS/COSEM protocol driver (issue 5): the meter's DLMS interface over TCP, with the
// IEC 62056-47 wrapper (port 4059) or HDLC frames carried over the stream. It declares only
// what it implements so far: reading the registers. Clock, load profile and identity
// arrive with their session operations.
#include "drivers/driver.hpp"

namespace jemhead::dlms {

class DlmsDriver final : public drivers::Driver {
 public:
  Protocol protocol() const override { return Protocol::dlms; }
  CapabilitySet capabilities() const override;
  // The profile's options (profile_config.hpp), every problem named.
  Validation validate_options(const ConnectionProfile& profile) const override;
  // Connects and opens the association, so a refused connection or a wrong password
  // (AuthenticationFailed, kind "authentication_failed") fails here.
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter& meter,
                                                        const ConnectionProfile& profile,
                                                        drivers::Executor executor) const override;
};

}  // namespace jemhead::dlms
