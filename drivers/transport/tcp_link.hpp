#pragma once
// TcpLink: a Link over a TCP connection (Modbus TCP, RTU over a terminal server, DNP3,
// DLMS). Resolves numeric addresses directly and names through the system resolver, tries
// every resolved address within the connect timeout, and reports refused / timed out /
// reset connections as distinct TransportErrc values with "tcp host:port" in the message.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

struct TcpLinkOptions {
  std::string host;                                 // IPv4/IPv6 literal or a host name
  std::uint16_t port = 0;                           // must be non-zero
  std::chrono::milliseconds connect_timeout{5000};  // resolve + connect, all addresses
  bool no_delay = true;  // TCP_NODELAY: request/response protocols send small frames
};

class TcpLink final : public Link {
 public:
  // Throws TransportError(invalid_options) for an empty host or port 0.
  TcpLink(boost::asio::any_io_executor executor, TcpLinkOptions options);
  ~TcpLink() override;

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

  // The local and remote endpoints of the open connection ("127.0.0.1:40312").
  std::string local_endpoint() const;
  std::string remote_endpoint() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::transport
