#include "net/http_server.hpp"

#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "net/connection_registry.hpp"
#include "net/listeners.hpp"
#include "net/query_string.hpp"

namespace jemhead::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
// After an error response the client may still be sending the body we refused; reading
// (and discarding) it for a moment lets the client see our response instead of a reset.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 8 * 1024 * 1024;
// A TLS session ends with close_notify both ways; a peer that never answers ours must not
// hold the connection (or a graceful stop) for long.
constexpr auto kTlsShutdownTime = std::chrono::seconds(1);

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

HttpResponse problem(int status, std::string detail) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  // Plain text only (no user input is echoed), so no JSON escaping is needed.
  r.body = "{\"type\":\"about:blank\",\"title\":\"" + reason_phrase(status) +
           "\",\"status\":" + std::to_string(status) + ",\"detail\":\"" + detail + "\"}";
  return r;
}

HttpRequest to_plain_request(http::request<http::string_body>&& in, std::string peer) {
  HttpRequest r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  const auto q = r.target.find('?');
  r.path = percent_decode(std::string_view(r.target).substr(0, q));
  if (q != std::string::npos) r.query = parse_query(std::string_view(r.target).substr(q + 1));
  for (const auto& field : in) {
    auto name = to_lower(field.name_string());
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    // Repeated headers are combined as RFC 9110 §5.3 allows.
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  r.body = std::move(in.body());
  r.peer_address = std::move(peer);
  return r;
}

http::response<http::string_body> to_beast_response(HttpResponse&& in, unsigned version,
                                                    bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(in.status), version};
  res.set(http::field::server, "jemhead");
  if (!in.body.empty() || in.status != 204) res.set(http::field::content_type, in.content_type);
  for (auto& [name, value] : in.headers) res.set(name, value);
  res.body() = std::move(in.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// The server side of HTTPS: our certificate chain and key, TLS 1.2 or later, and the
// client-certificate mode. Throws std::runtime_error naming the file that is bad.
std::unique_ptr<ssl::context> make_tls_context(const TlsServerOptions& o) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  auto* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::single_dh_use |
                       SSL_OP_NO_RENEGOTIATION);
  const auto fail = [](const char* what, const std::string& file, const error_code& ec) {
    std::string message = "TLS ";
    message += what;
    message += " '";
    message += file;
    message += "': ";
    message += ec.message();
    throw std::runtime_error(message);
  };
  error_code ec;
  context->use_certificate_chain_file(o.certificate_file, ec);
  if (ec) fail("certificate file", o.certificate_file, ec);
  context->use_private_key_file(o.private_key_file, ssl::context::pem, ec);
  if (ec) fail("private key file", o.private_key_file, ec);
  if (SSL_CTX_check_private_key(native) != 1) {
    std::string message = "TLS private key file '";
    message += o.private_key_file;
    message += "' does not match the certificate in '";
    message += o.certificate_file;
    message += "'";
    throw std::runtime_error(message);
  }

  if (o.client_certificates == ClientCertificates::none) {
    context->set_verify_mode(ssl::verify_none);
    return context;
  }
  if (o.client_ca_file.empty())
    throw std::runtime_error("TLS client certificates need a client CA file");
  context->load_verify_file(o.client_ca_file, ec);
  if (ec) fail("client CA file", o.client_ca_file, ec);
  // Name the acceptable CAs in the certificate request, so a client holding several
  // certificates can pick the right one.
  if (auto* names = SSL_load_client_CA_file(o.client_ca_file.c_str()))
    SSL_CTX_set_client_CA_list(native, names);
  // Optional: a certificate is asked for, and one that is presented must verify (OpenSSL
  // fails the handshake otherwise); required: a client without one is refused too.
  context->set_verify_mode(o.client_certificates == ClientCertificates::required
                               ? ssl::verify_peer | ssl::verify_fail_if_no_peer_cert
                               : ssl::verify_peer);
  // Session resumption with client verification needs a session id context.
  static constexpr unsigned char kSessionContext[] = "jemhead-http";
  SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext - 1);
  return context;
}

// RFC 2253 subject of the peer's certificate, when one was presented and verified.
std::string verified_client_subject(SSL* ssl) {
  X509* cert = SSL_get0_peer_certificate(ssl);
  if (cert == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return {};
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253) < 0)
    return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string{};
}

// What the session knows about the transport, copied into every request.
struct TransportInfo {
  std::string peer;
  bool tls = false;
  std::string client_subject;
};

}  // namespace

std::string reason_phrase(int status) {
  return std::string(http::obsolete_reason(static_cast<http::status>(status)));
}

// One accepted socket. Everything touching `stream` runs on the socket's own strand: the
// session coroutine, and what stop() posts to it.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = false;            // waiting for the next request (safe to close)
  bool stop_requested = false;  // finish the current response, then close

  auto executor() { return stream.get_executor(); }
  void interrupt() { stream.cancel(); }
  void close() { stream.close(); }
};

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  Impl(asio::io_context& context, HttpServerOptions opts, HttpHandler h)
      : io(context),
        options(std::move(opts)),
        handler(std::move(h)),
        workers(std::max<std::size_t>(1, options.handler_threads)),
        acceptor_strand(asio::make_strand(context)) {}

  asio::io_context& io;
  const HttpServerOptions options;
  const HttpHandler handler;
  asio::thread_pool workers;
  asio::strand<asio::io_context::executor_type> acceptor_strand;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;  // used on acceptor_strand after start
  std::unique_ptr<ssl::context> tls_context;              // set by start() when options.tls

  mutable std::mutex mutex;  // guards bound_endpoints
  std::vector<Endpoint> bound_endpoints;
  ConnectionRegistry<Connection> connections;

  void start();
  void stop(std::chrono::milliseconds grace);

  HttpResponse invoke_handler(const HttpRequest& request) const;
  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor);
  asio::awaitable<void> serve(std::shared_ptr<Connection> connection, std::string peer);
  template <typename Stream>
  asio::awaitable<bool> serve_requests(Connection& c, Stream& s, TransportInfo transport);
  template <typename Stream>
  asio::awaitable<void> send_error_and_close(Connection& c, Stream& s, int status, unsigned version,
                                             std::string detail);
  asio::awaitable<void> linger_close(Connection& c);
  std::string body_limit_detail() const {
    std::string detail = "request body exceeds the limit of ";
    detail += std::to_string(options.body_limit);
    detail += " bytes";
    return detail;
  }
};

void HttpServer::Impl::start() {
  // Bad certificate files fail here, before any port is bound.
  if (options.tls) tls_context = make_tls_context(*options.tls);
  auto listeners = open_listeners(acceptor_strand, options.listen, "");
  acceptors = std::move(listeners.acceptors);
  {
    std::lock_guard lock(mutex);
    bound_endpoints = std::move(listeners.bound);
  }
  for (auto& acceptor : acceptors)
    asio::co_spawn(
        acceptor_strand,
        [self = shared_from_this(), a = acceptor.get()] { return self->accept_loop(*a); },
        asio::detached);
}

asio::awaitable<void> HttpServer::Impl::accept_loop(tcp::acceptor& acceptor) {
  for (;;) {
    error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(
        asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
    if (connections.stopping() || ec == asio::error::operation_aborted || !acceptor.is_open())
      co_return;
    if (ec) {
      // Out of descriptors or similar: back off instead of spinning.
      asio::steady_timer pause(acceptor_strand, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (connections.size() >= options.max_connections) {
      socket.close(ec);
      continue;
    }
    auto peer_endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string{} : peer_endpoint.address().to_string();
    auto connection = std::make_shared<Connection>(std::move(socket));
    auto executor = connection->stream.get_executor();
    asio::co_spawn(
        executor,
        [self = shared_from_this(), connection, peer]() mutable {
          return self->serve(std::move(connection), std::move(peer));
        },
        asio::detached);
  }
}

HttpResponse HttpServer::Impl::invoke_handler(const HttpRequest& request) const {
  try {
    return handler(request);
  } catch (...) {
    // What went wrong stays on the server; the client learns only that it did.
    return problem(500, "the server could not complete the request");
  }
}

template <typename Stream>
asio::awaitable<void> HttpServer::Impl::send_error_and_close(Connection& c, Stream& s, int status,
                                                             unsigned version, std::string detail) {
  auto res = to_beast_response(problem(status, std::move(detail)), version, false);
  error_code ec;
  c.stream.expires_after(options.read_timeout);
  co_await http::async_write(s, res, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await linger_close(c);
}

// Drains the TCP layer under the response just written. Over TLS the bytes are not
// decrypted (nor close_notify sent): the point is only that the client reads our answer
// instead of a reset caused by unread data.
asio::awaitable<void> HttpServer::Impl::linger_close(Connection& c) {
  error_code ec;
  c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  c.stream.expires_after(kLingerTime);
  std::array<char, 16 * 1024> scratch{};
  std::size_t drained = 0;
  while (!ec && drained < kLingerBytes) {
    drained += co_await c.stream.async_read_some(asio::buffer(scratch),
                                                 asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> HttpServer::Impl::serve(std::shared_ptr<Connection> connection,
                                              std::string peer) {
  const auto membership = connections.join(connection);

  auto& c = *connection;
  TransportInfo transport;
  transport.peer = std::move(peer);
  if (!tls_context) {
    auto op = serve_requests(c, c.stream, std::move(transport));
    co_await std::move(op);
  } else {
    // The TLS layer lives in this frame on top of c.stream, so deadlines, stop() and
    // the grace period's close act on the TCP stream exactly as for plain HTTP.
    ssl::stream<beast::tcp_stream&> tls(c.stream, *tls_context);
    error_code ec;
    c.stream.expires_after(options.read_timeout);
    c.idle = true;  // nothing in flight yet: stop() may cut a handshake short
    co_await tls.async_handshake(ssl::stream_base::server,
                                 asio::redirect_error(asio::use_awaitable, ec));
    c.idle = false;
    if (!ec && !connections.stopping() && !c.stop_requested) {
      transport.tls = true;
      transport.client_subject = verified_client_subject(tls.native_handle());
      auto op = serve_requests(c, tls, std::move(transport));
      const bool orderly = co_await std::move(op);
      if (orderly && c.stream.socket().is_open()) {
        c.stream.expires_after(kTlsShutdownTime);
        co_await tls.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
      }
    }
  }
  error_code ignored;
  c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  c.stream.close();
}

// The request loop, the same for plain and TLS streams: `s` carries the bytes, while
// deadlines are set on the TCP stream under it (c.stream). Returns true when the
// session ended in order (a response with "Connection: close", a stop, the client's
// close_notify), i.e. when a TLS close_notify is worth sending.
template <typename Stream>
asio::awaitable<bool> HttpServer::Impl::serve_requests(Connection& c, Stream& s,
                                                       TransportInfo transport) {
  beast::flat_buffer buffer;
  bool first_request = true;
  for (;;) {
    error_code ec;
    if (connections.stopping() || c.stop_requested) co_return true;
    // Between requests: wait for the first byte of the next one under the idle timeout,
    // so the read timeout below measures only the request itself.
    if (buffer.size() == 0) {
      c.stream.expires_after(first_request ? options.read_timeout : options.idle_timeout);
      c.idle = true;
      const auto n = co_await s.async_read_some(buffer.prepare(4096),
                                                asio::redirect_error(asio::use_awaitable, ec));
      c.idle = false;
      if (ec) co_return ec == asio::error::eof || ec == asio::error::operation_aborted;
      buffer.commit(n);
      if (connections.stopping() || c.stop_requested) co_return true;
    }

    c.stream.expires_after(options.read_timeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(options.body_limit);
    co_await http::async_read_header(s, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::body_limit) {
      auto op = send_error_and_close(c, s, 413, 11, body_limit_detail());
      co_await std::move(op);
      co_return false;
    }
    if (ec == http::error::header_limit) {
      auto op = send_error_and_close(c, s, 431, 11, "request headers too large");
      co_await std::move(op);
      co_return false;
    }
    if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
        ec == http::error::partial_message || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
      co_return false;
    if (ec) {
      auto op = send_error_and_close(c, s, 400, 11, "malformed HTTP request");
      co_await std::move(op);
      co_return false;
    }

    const auto version = parser.get().version();
    const auto expect = parser.get()[http::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser.is_done()) {
      http::response<http::empty_body> go_on{http::status::continue_, version};
      co_await http::async_write(s, go_on, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return false;
    }
    if (!parser.is_done())
      co_await http::async_read(s, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::body_limit) {
      auto op = send_error_and_close(c, s, 413, version, body_limit_detail());
      co_await std::move(op);
      co_return false;
    }
    if (ec == beast::error::timeout || ec == http::error::partial_message ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == http::error::end_of_stream)
      co_return false;
    if (ec) {
      auto op = send_error_and_close(c, s, 400, version, "malformed HTTP request body");
      co_await std::move(op);
      co_return false;
    }

    const bool client_keep_alive = parser.get().keep_alive();
    auto request = to_plain_request(parser.release(), transport.peer);
    request.tls = transport.tls;
    request.client_certificate_subject = transport.client_subject;
    // The handler's time is not the client's: no socket deadline while it runs, and it runs
    // on the worker pool so a slow database never stalls this io thread.
    c.stream.expires_never();
    HttpResponse response = co_await asio::co_spawn(
        workers.get_executor(),
        [this, &request]() -> asio::awaitable<HttpResponse> { co_return invoke_handler(request); },
        asio::use_awaitable);

    const bool keep_alive = client_keep_alive && !connections.stopping() && !c.stop_requested;
    auto res = to_beast_response(std::move(response), version, keep_alive);
    c.stream.expires_after(options.read_timeout);
    co_await http::async_write(s, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return false;
    if (!keep_alive) co_return true;
    first_request = false;
  }
}

// Idle connections end now; busy ones after writing their response. Cancelling (not
// closing) lets the session say goodbye itself: a TLS session sends close_notify, bounded
// by kTlsShutdownTime and in any case by the grace period.
void HttpServer::Impl::stop(std::chrono::milliseconds grace) {
  auto self = shared_from_this();
  connections.stop(io, workers, grace, self, [self] {
    asio::post(self->acceptor_strand, [self] {
      error_code ec;
      for (auto& a : self->acceptors) a->close(ec);
    });
  });
}

HttpServer::HttpServer(boost::asio::io_context& io, HttpServerOptions options, HttpHandler handler)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() {
  impl_->stop(std::chrono::milliseconds(0));
  // Handlers still running finish before the objects they use go away.
  impl_->workers.join();
}

void HttpServer::start() {
  impl_->start();
}

std::vector<Endpoint> HttpServer::bound() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->bound_endpoints;
}

void HttpServer::stop(std::chrono::milliseconds grace) {
  impl_->stop(grace);
}

std::size_t HttpServer::active_connections() const {
  return impl_->connections.size();
}

}  // namespace jemhead::net
