#pragma once
// The "http" driver: PQDIF files from the meter's web server (manual part4 §3.7: HTTP on
// port 80, the /pqdif listing; §1: an account with 'Read Power Quality'). It can only
// fetch PQ files; options in http_options.hpp, the session in http_session.hpp.
#include "drivers/driver.hpp"

namespace jemhead::pqdif_http {

class HttpPullDriver final : public drivers::Driver {
 public:
  Protocol protocol() const override { return Protocol::http; }
  CapabilitySet capabilities() const override;
  Validation validate_options(const ConnectionProfile& profile) const override;
  // Connects (TCP, and TLS for https), so an unreachable meter fails here
  // (ConnectionFailed); the credentials are first used by the listing.
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter& meter,
                                                        const ConnectionProfile& profile,
                                                        drivers::Executor executor) const override;
};

}  // namespace jemhead::pqdif_http
