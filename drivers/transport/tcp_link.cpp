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
        socket(executor),
        watch(executor, [this] {
          boost::system::error_code ignored;
          socket.cancel(ignored);
        }) {}

  asio::any_io_executor executor;
  TcpLinkOptions options;
  std::string description;
  tcp::socket socket;
  LinkStats stats;
  detail::DeadlineWatch watch;  // after `socket`: stops watching before the socket goes
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
  // Non-blocking synchronous calls let write_all/read_some try the operation first: a
  // request/response exchange then needs no asynchronous operation (nor the deadline
  // watch) for the write, nor for a read whose bytes are already there. Asio's async
  // operations are unaffected by this flag.
  impl_->socket.non_blocking(true, ignored);
  ++impl_->stats.opens;
}

asio::awaitable<void> TcpLink::write_all(std::span<const std::uint8_t> bytes, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  auto& d = *impl_;
  boost::system::error_code ec;
  const auto n = d.socket.write_some(asio::buffer(bytes.data(), bytes.size()), ec);
  if (ec && ec != asio::error::would_block) {
    ++d.stats.errors;
    throw TransportError(detail::classify(ec, TransportErrc::io_error), d.description,
                         ec.message());
  }
  d.stats.bytes_out += n;
  if (n == bytes.size()) {
    ++d.stats.writes;
    co_return;
  }
  co_await detail::write_all_before(d.socket, d.watch, bytes.subspan(n), deadline, d.stats,
                                    d.description);
}

asio::awaitable<std::size_t> TcpLink::read_some(std::span<std::uint8_t> buffer, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  if (buffer.empty()) co_return 0;
  auto& d = *impl_;
  // Bytes already received are returned at once, even when the deadline has passed.
  boost::system::error_code ec;
  const auto n = d.socket.read_some(asio::buffer(buffer.data(), buffer.size()), ec);
  if (!ec) {
    ++d.stats.reads;
    d.stats.bytes_in += n;
    co_return n;
  }
  if (ec != asio::error::would_block) {
    ++d.stats.errors;
    throw TransportError(detail::classify(ec, TransportErrc::io_error), d.description,
                         ec.message());
  }
  if (Clock::now() >= deadline) {
    ++d.stats.read_timeouts;
    co_return 0;
  }
  co_return co_await detail::read_some_before(d.socket, d.watch, buffer, deadline, d.stats,
                                              d.description);
}

void TcpLink::close() noexcept {
  auto& socket = impl_->socket;
  impl_->watch.close([&socket] {
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  });
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
