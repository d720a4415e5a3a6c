#include "drivers/protocol/pqdif_sftp/sftp_driver.hpp"

#include "drivers/blocking_call.hpp"
#include "drivers/protocol/pqdif_sftp/sftp_client.hpp"

namespace jemhead::pqdif_sftp {

namespace {

// Every libssh call runs on the drivers' blocking pool (sftp_client.hpp says why).
class SftpPullSession final : public drivers::Session {
 public:
  SftpPullSession(std::unique_ptr<SftpClient> client, bool may_delete)
      : client_(std::move(client)), may_delete_(may_delete) {}

  drivers::Task<std::vector<drivers::RemoteFile>> list_pq_files() override {
    auto op = drivers::run_blocking([this] { return client().list(); });
    co_return co_await std::move(op);
  }

  drivers::Task<void> fetch_pq_file(drivers::RemoteFile file, std::filesystem::path into) override {
    auto op =
        drivers::run_blocking([this, &file, &into] { bytes_ += client().download(file, into); });
    co_await std::move(op);
  }

  drivers::Task<void> delete_pq_file(drivers::RemoteFile file) override {
    if (!may_delete_)
      throw drivers::Refused(
          "the profile does not allow deleting files on the meter "
          "(options/delete_after_retrieval)");
    auto op = drivers::run_blocking([this, &file] { client().remove(file); });
    co_await std::move(op);
  }

  drivers::Task<void> close() override {
    auto op = drivers::run_blocking([this] { client_.reset(); });
    co_await std::move(op);
  }

  std::uint64_t bytes_transferred() const override { return bytes_; }

 private:
  SftpClient& client() {
    if (!client_) throw drivers::ConnectionFailed("the SFTP session is closed");
    return *client_;
  }

  std::unique_ptr<SftpClient> client_;
  bool may_delete_ = false;
  std::uint64_t bytes_ = 0;
};

}  // namespace

CapabilitySet SftpPullDriver::capabilities() const {
  return CapabilitySet{Capability::fetch_pq_files};
}

Validation SftpPullDriver::validate_options(const ConnectionProfile& profile) const {
  return read_sftp_pull_options(profile).validation;
}

drivers::Task<std::unique_ptr<drivers::Session>> SftpPullDriver::open(
    const Meter&, const ConnectionProfile& profile, drivers::Executor) const {
  auto options = read_sftp_pull_options(profile);
  if (!options.validation.ok())
    throw drivers::ConfigurationError("connection profile " + profile.name + ": " +
                                      options.validation.summary());
  const bool may_delete = options.config.delete_after_retrieval;
  auto config = std::move(options.config);
  auto connecting =
      drivers::run_blocking([&config] { return std::make_unique<SftpClient>(std::move(config)); });
  auto client = co_await std::move(connecting);
  co_return std::unique_ptr<drivers::Session>(
      std::make_unique<SftpPullSession>(std::move(client), may_delete));
}

}  // namespace jemhead::pqdif_sftp
