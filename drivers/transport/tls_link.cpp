#include "drivers/transport/tls_link.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <optional>

#include "drivers/transport/stream_io.hpp"

namespace jemhead::transport {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

std::string ssl_error_text(const boost::system::error_code& ec) {
  std::string text = ec.message();
  if (ec.category() == asio::error::get_ssl_category()) {
    // The verify result says *why* a certificate was refused; the SSL error alone only
    // says "certificate verify failed".
    char buffer[256];
    ERR_error_string_n(static_cast<unsigned long>(ec.value()), buffer, sizeof buffer);
    text = buffer;
  }
  return text;
}

ssl::context make_context(const TlsLinkOptions& o, const std::string& description) {
  ssl::context context(ssl::context::tls_client);
  // TLS 1.2 is the floor (the meter's binary port offers TLS 1.2, manual part3).
  if (SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1) {
    throw TransportError(TransportErrc::invalid_options, description, "cannot require TLS 1.2");
  }
  context.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
  boost::system::error_code ec;
  if (o.tls.verify_peer) {
    context.set_verify_mode(ssl::verify_peer);
    if (o.tls.ca_file.empty()) {
      context.set_default_verify_paths(ec);
    } else {
      context.load_verify_file(o.tls.ca_file, ec);
    }
    if (ec) {
      throw TransportError(TransportErrc::invalid_options, description,
                           "CA file " + o.tls.ca_file + ": " + ec.message());
    }
  } else {
    context.set_verify_mode(ssl::verify_none);
  }
  if (!o.tls.client_certificate_file.empty()) {
    context.use_certificate_chain_file(o.tls.client_certificate_file, ec);
    if (!ec) {
      context.use_private_key_file(
          o.tls.client_key_file.empty() ? o.tls.client_certificate_file : o.tls.client_key_file,
          ssl::context::pem, ec);
    }
    if (ec) {
      throw TransportError(TransportErrc::invalid_options, description,
                           "client certificate: " + ec.message());
    }
  }
  return context;
}

}  // namespace

struct TlsLink::Impl {
  Impl(asio::any_io_executor ex, TlsLinkOptions o)
      : executor(std::move(ex)),
        options(std::move(o)),
        description("tls " + detail::host_port(options.host, options.port)),
        watch(executor, [this] {
          boost::system::error_code ignored;
          if (stream) stream->lowest_layer().cancel(ignored);
        }) {}

  std::string server_name() const {
    return options.tls.server_name.empty() ? options.host : options.tls.server_name;
  }

  asio::any_io_executor executor;
  TlsLinkOptions options;
  std::string description;
  std::optional<ssl::context> context;
  // Recreated at each open(): an SSL stream cannot be reused after a failed or closed
  // session.
  std::optional<ssl::stream<tcp::socket>> stream;
  LinkStats stats;
  // After `stream`: stops watching before the stream goes. Cancelling the TCP socket stops
  // a TLS read or write at whichever step it is in; the watch re-cancels between steps.
  detail::DeadlineWatch watch;
};

TlsLink::TlsLink(asio::any_io_executor executor, TlsLinkOptions options)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(options))) {
  if (impl_->options.host.empty() || impl_->options.port == 0) {
    throw TransportError(TransportErrc::invalid_options, impl_->description,
                         "host and port are required");
  }
  impl_->context.emplace(make_context(impl_->options, impl_->description));
}

TlsLink::~TlsLink() = default;

asio::awaitable<void> TlsLink::open() {
  close();
  auto& d = *impl_;
  const Deadline deadline = deadline_after(d.options.connect_timeout);
  try {
    // The stream exists before the connect so that close() can abort the attempt.
    d.stream.emplace(tcp::socket(d.executor), *d.context);
    co_await detail::connect_tcp(d.stream->next_layer(), d.options.host, d.options.port, deadline,
                                 d.description);
    boost::system::error_code ignored;
    d.stream->next_layer().set_option(tcp::no_delay(true), ignored);

    const std::string name = d.server_name();
    boost::system::error_code parse_error;
    asio::ip::make_address(name, parse_error);
    // SNI carries host names only (RFC 6066), never IP literals.
    if (parse_error && !SSL_set_tlsext_host_name(d.stream->native_handle(), name.c_str())) {
      throw TransportError(TransportErrc::invalid_options, d.description, "bad server name");
    }
    // OpenSSL's own name check (rather than a verify callback) so a mismatch is reported
    // as "hostname mismatch" / "IP address mismatch" in the verify result.
    if (d.options.tls.verify_peer) {
      SSL* native = d.stream->native_handle();
      const int ok = parse_error
                         ? SSL_set1_host(native, name.c_str())
                         : X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(native), name.c_str());
      if (ok != 1)
        throw TransportError(TransportErrc::invalid_options, d.description, "bad server name");
    }
    auto handshake = co_await detail::before_deadline(
        d.stream->async_handshake(ssl::stream_base::client, detail::use_tuple), deadline);
    if (!handshake) {
      throw TransportError(TransportErrc::connect_timeout, d.description, "TLS handshake");
    }
    if (auto ec = std::get<0>(*handshake)) {
      const auto code = ec.category() == asio::error::get_ssl_category() ||
                                ec == asio::ssl::error::stream_truncated
                            ? TransportErrc::tls_handshake_failed
                            : detail::classify(ec, TransportErrc::tls_handshake_failed);
      std::string detail = ssl_error_text(ec);
      const long verify = SSL_get_verify_result(d.stream->native_handle());
      if (verify != X509_V_OK) {
        detail += std::string(" (") + X509_verify_cert_error_string(verify) + ")";
      }
      throw TransportError(code, d.description, detail);
    }
  } catch (const TransportError&) {
    ++d.stats.open_failures;
    close();
    throw;
  }
  ++d.stats.opens;
}

asio::awaitable<void> TlsLink::write_all(std::span<const std::uint8_t> bytes, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  co_await detail::write_all_before(*impl_->stream, impl_->watch, bytes, deadline, impl_->stats,
                                    impl_->description);
}

asio::awaitable<std::size_t> TlsLink::read_some(std::span<std::uint8_t> buffer, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, impl_->description);
  co_return co_await detail::read_some_before(*impl_->stream, impl_->watch, buffer, deadline,
                                              impl_->stats, impl_->description);
}

void TlsLink::close() noexcept {
  if (!impl_->stream) return;
  // No close_notify exchange: closing must be immediate and never wait on the peer, and
  // the protocols carried here frame their own messages, so truncation cannot go unseen.
  auto& socket = impl_->stream->lowest_layer();
  impl_->watch.close([&socket] {
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  });
}

bool TlsLink::is_open() const {
  return impl_->stream && impl_->stream->lowest_layer().is_open();
}
LinkStats TlsLink::stats() const {
  return impl_->stats;
}
std::string TlsLink::describe() const {
  return impl_->description;
}
asio::any_io_executor TlsLink::get_executor() {
  return impl_->executor;
}

std::string TlsLink::protocol_version() const {
  if (!is_open()) return {};
  return SSL_get_version(impl_->stream->native_handle());
}

std::string TlsLink::peer_subject() const {
  if (!is_open()) return {};
  X509* peer = SSL_get1_peer_certificate(impl_->stream->native_handle());
  if (!peer) return {};
  char buffer[512];
  X509_NAME_oneline(X509_get_subject_name(peer), buffer, sizeof buffer);
  X509_free(peer);
  return buffer;
}

}  // namespace jemhead::transport
