#pragma once
// A small HTTP/1.1 server on Boost.Asio/Beast (C++20 coroutines), shared by the REST API
// and jemsim's control endpoint. Connections are read and written on the io_context's
// threads; handlers are plain synchronous functions run on a separate worker pool, so a
// handler may block on the database without stalling other connections.
//
// Beast types stay out of this header: requests and responses are the plain structs
// below, converted at the socket boundary.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace jemhead::net {

struct Endpoint {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = an ephemeral port; see HttpServer::bound()
};

// Header names are lower-cased on input; look them up in lower case.
struct HttpRequest {
  std::string method;                        // "GET", "POST", ...
  std::string target;                        // path and query, as received
  std::string path;                          // percent-decoded path without the query
  std::map<std::string, std::string> query;  // decoded query parameters (last one wins)
  std::map<std::string, std::string> headers;
  std::string body;
  std::string peer_address;  // remote IP, for allow-lists and audit
  bool tls = false;          // arrived over HTTPS
  // The subject (RFC 2253, "CN=meter-1,O=Utility") of a client certificate that verified
  // against the server's client CA; empty when none was presented or TLS is off.
  std::string client_certificate_subject;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

enum class ClientCertificates { none, optional, required };

// HTTPS for every endpoint of a server (the web-alarm receiver: the meter's 'Request
// Certificate' modes, manual L8064–L8094, need a server it can authenticate, and a head-end
// may in turn authenticate meters by client certificate).
struct TlsServerOptions {
  std::string certificate_file;  // PEM; may hold the chain after the leaf
  std::string private_key_file;  // PEM
  std::string client_ca_file;    // PEM CAs that client certificates must chain to
  ClientCertificates client_certificates = ClientCertificates::none;
};

struct HttpServerOptions {
  std::vector<Endpoint> listen{Endpoint{}};
  std::optional<TlsServerOptions> tls;  // set: HTTPS; start() throws if the files are bad
  std::size_t body_limit = 1 << 20;     // 413 beyond this
  std::chrono::milliseconds read_timeout{30'000};  // per request, headers + body
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive between requests
  std::size_t handler_threads = 2;
  std::size_t max_connections = 1024;  // further connections are closed
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, HttpServerOptions options, HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds every listen endpoint (throws std::system_error naming the address on failure)
  // and starts accepting.
  void start();
  // The endpoints actually bound (ephemeral ports resolved), in listen order.
  std::vector<Endpoint> bound() const;
  // Graceful stop: stop accepting, let in-flight requests finish and their responses be
  // written (up to `grace`), then close every connection. Safe to call from any thread.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds{5000});
  std::size_t active_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// "HTTP/1.1 404" style reason phrases for our own error bodies.
std::string reason_phrase(int status);

}  // namespace jemhead::net
