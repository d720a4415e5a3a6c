#pragma once
// TlsLink: a Link over TLS 1.2 or later on a TCP connection (OpenSSL through
// boost::asio::ssl). By default the server certificate is verified against the system
// trust store (or `ca_file`) and the host name; a client certificate is presented when one
// is configured. The connect timeout covers resolve, connect and handshake.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

struct TlsOptions {
  bool verify_peer = true;
  std::string ca_file;  // PEM bundle to trust; empty = the system's default paths
  // Name checked against the certificate (and sent as SNI); empty = the link's host.
  std::string server_name;
  std::string client_certificate_file;  // PEM chain; empty = no client certificate
  std::string client_key_file;          // PEM private key for the client certificate
};

struct TlsLinkOptions {
  std::string host;
  std::uint16_t port = 0;
  std::chrono::milliseconds connect_timeout{5000};  // resolve + connect + handshake
  TlsOptions tls;
};

class TlsLink final : public Link {
 public:
  // Throws TransportError(invalid_options) for a bad host/port or unreadable certificate
  // and key files (checked here, not at the first connect).
  TlsLink(boost::asio::any_io_executor executor, TlsLinkOptions options);
  ~TlsLink() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> write_all(std::span<const std::uint8_t> bytes,
                                         Deadline deadline) override;
  boost::asio::awaitable<std::size_t> read_some(std::span<std::uint8_t> buffer,
                                                Deadline deadline) override;
  void close() noexcept override;
  bool is_open() const override;
  LinkStats stats() const override;
  std::string describe() const override;
  boost::asio::any_io_executor get_executor() override;

  // After open(): the negotiated protocol ("TLSv1.3") and the peer's subject ("CN=...").
  std::string protocol_version() const;
  std::string peer_subject() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::transport
