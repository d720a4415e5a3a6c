#pragma once
// A tiny TLS echo server on 127.0.0.1 with its own io_context thread, for TlsLink tests.
// Optionally requires a client certificate signed by `client_ca_file`.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace jemhead::transport::testing {

struct TlsEchoServerOptions {
  std::filesystem::path certificate_file;
  std::filesystem::path key_file;
  std::filesystem::path client_ca_file;  // non-empty: a client certificate is required
};

class TlsEchoServer {
 public:
  explicit TlsEchoServer(TlsEchoServerOptions options);
  ~TlsEchoServer();
  TlsEchoServer(const TlsEchoServer&) = delete;
  TlsEchoServer& operator=(const TlsEchoServer&) = delete;

  std::uint16_t port() const;
  int handshakes_completed() const;
  int handshakes_failed() const;
  std::string last_client_subject() const;  // of the last verified client certificate

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::transport::testing
