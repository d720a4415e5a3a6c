#pragma once
// One HTTP(S) session with a meter's web server: the /pqdif listing, each file streamed to
// disk, and (when the profile allows) DELETE. The net/ client blocks, so every exchange
// runs on the drivers' blocking pool (blocking_call.hpp). One keep-alive connection is
// reused while the server keeps it open.
#include <memory>

#include "drivers/driver.hpp"
#include "drivers/protocol/pqdif_http/http_options.hpp"

namespace jemhead::net {
class HttpConnection;
}

namespace jemhead::pqdif_http {

class HttpPullSession final : public drivers::Session {
 public:
  explicit HttpPullSession(HttpPullConfig config);
  ~HttpPullSession() override;

  // Blocking: connects (the driver calls it on the blocking pool).
  void connect();

  drivers::Task<std::vector<drivers::RemoteFile>> list_pq_files() override;
  drivers::Task<void> fetch_pq_file(drivers::RemoteFile file, std::filesystem::path into) override;
  drivers::Task<void> delete_pq_file(drivers::RemoteFile file) override;
  drivers::Task<void> close() override;
  std::uint64_t bytes_transferred() const override { return bytes_; }

  // Blocking forms (on the pool).
  std::vector<drivers::RemoteFile> list_now();
  void fetch_now(const drivers::RemoteFile& file, const std::filesystem::path& into);
  void delete_now(const drivers::RemoteFile& file);

 private:
  net::HttpConnection& connection();
  std::string file_target(const std::string& name) const;
  std::string describe() const;

  HttpPullConfig config_;
  std::unique_ptr<net::HttpConnection> connection_;
  std::uint64_t bytes_ = 0;
};

// "Basic dXNlcjpwYXNz" for user:password.
std::string basic_authorization(const std::string& user, const std::string& password);

}  // namespace jemhead::pqdif_http
