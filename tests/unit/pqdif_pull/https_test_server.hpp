#pragma once
// A minimal HTTPS server for the "http" driver's https tests: one thread, one connection
// at a time, serving a fixed /pqdif listing and its files with a given certificate.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace jemhead::pqdif_http::testing {

class HttpsTestServer {
 public:
  HttpsTestServer(std::filesystem::path certificate, std::filesystem::path key,
                  std::map<std::string, std::string> files);
  ~HttpsTestServer();
  std::uint16_t port() const;
  int requests() const;  // answered (after a completed handshake)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::pqdif_http::testing
