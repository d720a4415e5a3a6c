#include "drivers/transport/tcp_link.hpp"

#include <boost/asio/ip/tcp.hpp>

#include "drivers/transport/stream_io.hpp"

namespace jemhead::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

struct TcpLink::Impl {
  Impl(asio::any_io_executor ex, TcpLinkOptions o)
      : executor(std::move(ex)),
        options(std::move(o)),
        description("tcp " + detail::host_port(options.host, options.port)),
        socket(executor) {}

  asio::any_io_executor executor;
  TcpLinkOptions options;
  std::string description;
  tcp::socket socket;
  LinkStats stats;
};

TcpLink::TcpLink(asio::any_io_executor executor, TcpLinkOptions options)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(options))) {
  if (impl_->options.host.empty() || impl_->options.port == 0) {
    throw TransportError(TransportErrc::invalid_options, impl_->description,
                         "host and port are required");
  }
}

TcpLink::~TcpLink() = default;

asio::awaitable<void> TcpLink::open() {
  close();
  try {
    co_await detail::connect_tcp(impl_->socket, impl_->options.host, impl_->options.port,
                                 deadline_after(impl_->options.connect_timeout),
                                 impl_->description);
  } catch (const TransportError&) {
    ++impl_->stats.open_failures;
    close();
    throw;
  }
  boost::system::error_code ignored;
  impl_->socket.set_option(tcp::no_delay(impl_->options.no_delay), ignored);
  ++impl_->stats.opens;
}

asio::awaitable<void> TcpLink::write_all(std::span<const std::uint8_t> bytes, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  co_await detail::write_all_before(impl_->socket, bytes, deadline, impl_->stats,
                                    impl_->description);
}

asio::awaitable<std::size_t> TcpLink::read_some(std::span<std::uint8_t> buffer, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  // Bytes already received are returned even when the deadline has passed.
  if (Clock::now() >= deadline && detail::bytes_waiting(impl_->socket.native_handle()) == 0) {
    ++impl_->stats.read_timeouts;
    co_return 0;
  }
  if (Clock::now() >= deadline) deadline = Clock::time_point::max();
  co_return co_await detail::read_some_before(impl_->socket, buffer, deadline, impl_->stats,
                                              impl_->description);
}

void TcpLink::close() noexcept {
  boost::system::error_code ignored;
  impl_->socket.shutdown(tcp::socket::shutdown_both, ignored);
  impl_->socket.close(ignored);
}

bool TcpLink::is_open() const {
  return impl_->socket.is_open();
}
LinkStats TcpLink::stats() const {
  return impl_->stats;
}
std::string TcpLink::describe() const {
  return impl_->description;
}
asio::any_io_executor TcpLink::get_executor() {
  return impl_->executor;
}

std::string TcpLink::local_endpoint() const {
  boost::system::error_code ec;
  auto e = impl_->socket.local_endpoint(ec);
  return ec ? std::string{} : detail::endpoint_text(e);
}

std::string TcpLink::remote_endpoint() const {
  boost::system::error_code ec;
  auto e = impl_->socket.remote_endpoint(ec);
  return ec ? std::string{} : detail::endpoint_text(e);
}

}  // namespace jemhead::transport
