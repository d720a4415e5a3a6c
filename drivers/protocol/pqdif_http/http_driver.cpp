#include "drivers/protocol/pqdif_http/http_driver.hpp"

#include "drivers/blocking_call.hpp"
#include "drivers/protocol/pqdif_http/http_session.hpp"

namespace jemhead::pqdif_http {

CapabilitySet HttpPullDriver::capabilities() const {
  return CapabilitySet{Capability::fetch_pq_files};
}

Validation HttpPullDriver::validate_options(const ConnectionProfile& profile) const {
  return read_http_pull_options(profile).validation;
}

drivers::Task<std::unique_ptr<drivers::Session>> HttpPullDriver::open(
    const Meter&, const ConnectionProfile& profile, drivers::Executor) const {
  auto options = read_http_pull_options(profile);
  if (!options.validation.ok())
    throw drivers::ConfigurationError("connection profile " + profile.name + ": " +
                                      options.validation.summary());
  auto session = std::make_unique<HttpPullSession>(std::move(options.config));
  auto* raw = session.get();
  auto connecting = drivers::run_blocking([raw] { raw->connect(); });
  co_await std::move(connecting);
  co_return std::unique_ptr<drivers::Session>(std::move(session));
}

}  // namespace jemhead::pqdif_http
