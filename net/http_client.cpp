#include "net/http_client.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace jemhead::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr std::uint64_t kResponseBodyLimit = 64 * 1024 * 1024;
constexpr std::size_t kErrorBodyLimit = 4096;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

struct HttpConnection::Impl {
  Impl(std::string h, std::uint16_t p, std::chrono::milliseconds t, std::optional<HttpTls> tls_)
      : host(std::move(h)), port(p), timeout(t), tls_options(std::move(tls_)), stream(io) {}

  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  std::optional<HttpTls> tls_options;
  asio::io_context io;
  beast::tcp_stream stream;  // plain HTTP, or the layer under `tls`
  std::optional<ssl::context> context;
  std::optional<ssl::stream<beast::tcp_stream&>> tls;
  beast::flat_buffer buffer;
  bool open = false;

  std::string where() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
  }

  // Runs one operation on the private io_context to completion, turning its exception
  // (or a timeout) into a runtime_error that names the peer.
  template <typename T>
  T run(const char* what, asio::awaitable<T> op) {
    std::exception_ptr error;
    T result{};
    io.restart();
    asio::co_spawn(io, std::move(op), [&](std::exception_ptr e, T r) {
      error = e;
      result = std::move(r);
    });
    io.run();
    if (error) {
      open = false;
      try {
        std::rethrow_exception(error);
      } catch (const boost::system::system_error& e) {
        if (e.code() == beast::error::timeout)
          throw HttpTimeout(std::string(what) + " " + where() + " timed out after " +
                            std::to_string(timeout.count()) + " ms");
        throw std::runtime_error(std::string(what) + " " + where() + ": " + e.code().message());
      }
    }
    return result;
  }

  void make_tls() {
    const auto& o = *tls_options;
    context.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    boost::system::error_code ec;
    if (o.verify_peer) {
      context->set_verify_mode(ssl::verify_peer);
      if (o.ca_file.empty())
        context->set_default_verify_paths(ec);
      else
        context->load_verify_file(o.ca_file, ec);
      if (ec) throw std::runtime_error("CA file " + o.ca_file + ": " + ec.message());
    } else {
      context->set_verify_mode(ssl::verify_none);
    }
    tls.emplace(stream, *context);
    const auto& name = o.server_name.empty() ? host : o.server_name;
    SSL_set_tlsext_host_name(tls->native_handle(), name.c_str());
    if (o.verify_peer) tls->set_verify_callback(ssl::host_name_verification(name));
  }

  asio::awaitable<bool> connect() {
    tcp::resolver resolver(io);
    auto results = co_await resolver.async_resolve(host, std::to_string(port), asio::use_awaitable);
    stream.expires_after(timeout);
    co_await stream.async_connect(results, asio::use_awaitable);
    if (tls) {
      stream.expires_after(timeout);
      co_await tls->async_handshake(ssl::stream_base::client, asio::use_awaitable);
    }
    co_return true;
  }

  void fill(HttpResult& out, const http::response_header<>& res) {
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      auto [it, inserted] =
          out.headers.emplace(lower(field.name_string()), std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
  }

  template <typename Stream>
  asio::awaitable<HttpResult> exchange_on(Stream& s, http::request<http::string_body> req) {
    stream.expires_after(timeout);
    boost::system::error_code write_error;
    co_await http::async_write(s, req, asio::redirect_error(asio::use_awaitable, write_error));
    // A server that refuses a request (413) may answer before reading it all and stop
    // reading; its answer is still worth reading even though our write failed.
    http::response_parser<http::string_body> parser;
    parser.body_limit(kResponseBodyLimit);
    boost::system::error_code read_error;
    co_await http::async_read(s, buffer, parser,
                              asio::redirect_error(asio::use_awaitable, read_error));
    if (read_error) throw boost::system::system_error(write_error ? write_error : read_error);
    auto res = parser.release();
    HttpResult out;
    fill(out, res.base());
    out.body = std::move(res.body());
    open = res.keep_alive();
    co_return out;
  }

  asio::awaitable<HttpResult> exchange(http::request<http::string_body> req) {
    if (tls) {
      auto op = exchange_on(*tls, std::move(req));
      co_return co_await std::move(op);
    }
    auto op = exchange_on(stream, std::move(req));
    co_return co_await std::move(op);
  }

  // The body in pieces of a fixed buffer (buffer_body), each written out before the next
  // is read, so a file of any size costs the same memory.
  template <typename Stream>
  asio::awaitable<HttpResult> download_on(Stream& s, http::request<http::string_body> req,
                                          std::filesystem::path into, std::uint64_t max_bytes) {
    stream.expires_after(timeout);
    co_await http::async_write(s, req, asio::use_awaitable);
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(max_bytes);
    stream.expires_after(timeout);
    co_await http::async_read_header(s, buffer, parser, asio::use_awaitable);
    HttpResult out;
    fill(out, parser.get().base());
    const bool success = out.status >= 200 && out.status < 300;
    std::ofstream file;
    if (success) {
      file.open(into, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("cannot write " + into.string());
    }
    std::vector<char> chunk(64 * 1024);
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      stream.expires_after(timeout);
      boost::system::error_code ec;
      co_await http::async_read(s, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::need_buffer) ec = {};
      if (ec) throw boost::system::system_error(ec);
      const auto n = chunk.size() - parser.get().body().size;
      if (success) {
        file.write(chunk.data(), static_cast<std::streamsize>(n));
        if (!file) throw std::runtime_error("cannot write " + into.string());
      } else if (out.body.size() < kErrorBodyLimit) {
        out.body.append(chunk.data(), std::min(n, kErrorBodyLimit - out.body.size()));
      }
    }
    if (success) {
      file.close();
      if (!file) throw std::runtime_error("cannot write " + into.string());
    }
    open = parser.get().keep_alive();
    co_return out;
  }

  asio::awaitable<HttpResult> download(http::request<http::string_body> req,
                                       std::filesystem::path into, std::uint64_t max_bytes) {
    if (tls) {
      auto op = download_on(*tls, std::move(req), std::move(into), max_bytes);
      co_return co_await std::move(op);
    }
    auto op = download_on(stream, std::move(req), std::move(into), max_bytes);
    co_return co_await std::move(op);
  }

  http::request<http::string_body> make_request(const std::string& method,
                                                const std::string& target,
                                                const HttpHeaders& headers) const {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, where());
    req.set(http::field::user_agent, "jemhead-client");
    for (const auto& [name, value] : headers) req.set(name, value);
    return req;
  }
};

HttpConnection::HttpConnection(const std::string& host, std::uint16_t port,
                               std::chrono::milliseconds timeout)
    : HttpConnection(host, port, timeout, std::nullopt) {}

HttpConnection::HttpConnection(const std::string& host, std::uint16_t port,
                               std::chrono::milliseconds timeout, std::optional<HttpTls> tls)
    : impl_(std::make_unique<Impl>(host, port, timeout, std::move(tls))) {
  if (impl_->tls_options) impl_->make_tls();
  impl_->run("cannot connect to", impl_->connect());
  impl_->open = true;
}

HttpConnection::~HttpConnection() {
  boost::system::error_code ec;
  impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  impl_->stream.socket().close(ec);
}

bool HttpConnection::is_open() const {
  return impl_->open;
}

HttpResult HttpConnection::request(const std::string& method, const std::string& target,
                                   const std::string& body, const HttpHeaders& headers) {
  if (!impl_->open) throw std::runtime_error("HTTP connection to " + impl_->where() + " is closed");
  auto req = impl_->make_request(method, target, headers);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req.prepare_payload();
  return impl_->run("HTTP request to", impl_->exchange(std::move(req)));
}

HttpResult HttpConnection::request_to_file(const std::string& method, const std::string& target,
                                           const HttpHeaders& headers,
                                           const std::filesystem::path& into,
                                           std::uint64_t max_bytes) {
  if (!impl_->open) throw std::runtime_error("HTTP connection to " + impl_->where() + " is closed");
  auto req = impl_->make_request(method, target, headers);
  return impl_->run("HTTP request to", impl_->download(std::move(req), into, max_bytes));
}

HttpResult http_request(const std::string& host, std::uint16_t port, const std::string& method,
                        const std::string& target, const std::string& body,
                        const HttpHeaders& headers, std::chrono::milliseconds timeout) {
  HttpConnection connection(host, port, timeout);
  auto h = headers;
  h.emplace("Connection", "close");
  return connection.request(method, target, body, h);
}

}  // namespace jemhead::net
