#include "tests/unit/transport/tls_echo_server.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <thread>

namespace jemhead::transport::testing {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

struct TlsEchoServer::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(const TlsEchoServerOptions& o)
      : context(ssl::context::tls_server),
        acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    context.use_certificate_chain_file(o.certificate_file.string());
    context.use_private_key_file(o.key_file.string(), ssl::context::pem);
    if (!o.client_ca_file.empty()) {
      context.load_verify_file(o.client_ca_file.string());
      context.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
  }

  asio::awaitable<void> accept_loop() {
    while (true) {
      auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
      if (ec) co_return;
      asio::co_spawn(io, echo(ssl::stream<tcp::socket>(std::move(socket), context)),
                     asio::detached);
    }
  }

  asio::awaitable<void> echo(ssl::stream<tcp::socket> stream) {
    auto [hec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    if (hec) {
      ++failed;
      co_return;
    }
    ++completed;
    if (X509* peer = SSL_get1_peer_certificate(stream.native_handle())) {
      char buffer[512];
      X509_NAME_oneline(X509_get_subject_name(peer), buffer, sizeof buffer);
      X509_free(peer);
      std::lock_guard lock(mutex);
      client_subject = buffer;
    }
    std::array<char, 4096> data{};
    while (true) {
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(data), use_tuple);
      if (rec) co_return;
      auto [wec, m] = co_await asio::async_write(stream, asio::buffer(data.data(), n), use_tuple);
      if (wec) co_return;
    }
  }

  asio::io_context io;
  ssl::context context;
  tcp::acceptor acceptor;
  std::thread thread;
  std::atomic<int> completed{0};
  std::atomic<int> failed{0};
  mutable std::mutex mutex;
  std::string client_subject;
};

TlsEchoServer::TlsEchoServer(TlsEchoServerOptions options)
    : impl_(std::make_shared<Impl>(options)) {
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([impl = impl_] { impl->io.run(); });
}

TlsEchoServer::~TlsEchoServer() {
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t TlsEchoServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}
int TlsEchoServer::handshakes_completed() const {
  return impl_->completed;
}
int TlsEchoServer::handshakes_failed() const {
  return impl_->failed;
}
std::string TlsEchoServer::last_client_subject() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->client_subject;
}

}  // namespace jemhead::transport::testing
