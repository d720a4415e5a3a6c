#include "net/http_client.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace jemhead::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::uint64_t kResponseBodyLimit = 64 * 1024 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

struct HttpConnection::Impl {
  Impl(std::string h, std::uint16_t p, std::chrono::milliseconds t)
      : host(std::move(h)), port(p), timeout(t), stream(io) {}

  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  asio::io_context io;
  beast::tcp_stream stream;
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
          throw std::runtime_error(std::string(what) + " " + where() + " timed out after " +
                                   std::to_string(timeout.count()) + " ms");
        throw std::runtime_error(std::string(what) + " " + where() + ": " + e.code().message());
      }
    }
    return result;
  }

  asio::awaitable<bool> connect() {
    tcp::resolver resolver(io);
    auto results = co_await resolver.async_resolve(host, std::to_string(port), asio::use_awaitable);
    stream.expires_after(timeout);
    co_await stream.async_connect(results, asio::use_awaitable);
    co_return true;
  }

  asio::awaitable<HttpResult> exchange(http::request<http::string_body> req) {
    stream.expires_after(timeout);
    boost::system::error_code write_error;
    co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, write_error));
    // A server that refuses a request (413) may answer before reading it all and stop
    // reading; its answer is still worth reading even though our write failed.
    http::response_parser<http::string_body> parser;
    parser.body_limit(kResponseBodyLimit);
    boost::system::error_code read_error;
    co_await http::async_read(stream, buffer, parser,
                              asio::redirect_error(asio::use_awaitable, read_error));
    if (read_error) throw boost::system::system_error(write_error ? write_error : read_error);
    auto res = parser.release();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      auto [it, inserted] =
          out.headers.emplace(lower(field.name_string()), std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    out.body = std::move(res.body());
    open = res.keep_alive();
    co_return out;
  }
};

HttpConnection::HttpConnection(const std::string& host, std::uint16_t port,
                               std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(host, port, timeout)) {
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
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, impl_->where());
  req.set(http::field::user_agent, "jemhead-client");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req.prepare_payload();
  return impl_->run("HTTP request to", impl_->exchange(std::move(req)));
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
