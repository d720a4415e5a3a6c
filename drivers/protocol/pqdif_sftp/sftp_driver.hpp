#pragma once
// The "sftp" driver: PQDIF files from the meter's SFTP server (manual part4 §3.7: SFTP,
// default port 22; §1: an account with 'Read Power Quality'). It can only fetch PQ files;
// options in sftp_options.hpp, the libssh client in sftp_client.hpp.
#include "drivers/driver.hpp"

namespace jemhead::pqdif_sftp {

class SftpPullDriver final : public drivers::Driver {
 public:
  Protocol protocol() const override { return Protocol::sftp; }
  CapabilitySet capabilities() const override;
  Validation validate_options(const ConnectionProfile& profile) const override;
  // Connects, checks the host key and logs in, so every refusal fails here.
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter& meter,
                                                        const ConnectionProfile& profile,
                                                        drivers::Executor executor) const override;
};

}  // namespace jemhead::pqdif_sftp
