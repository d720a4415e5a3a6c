#pragma once
// A small blocking HTTP/1.1 client for tools, tests and the PQDIF pull driver (which runs
// it on the drivers' blocking pool, never on an I/O thread). Each call runs its own
// short-lived io_context, so it needs no threads from the caller. Beast types stay in the
// .cpp.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace jemhead::net {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

using HttpHeaders = std::map<std::string, std::string>;

// The exchange did not complete within the timeout (a std::runtime_error like the others,
// distinguishable so callers can report a timeout as one).
struct HttpTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// HTTPS: TLS 1.2 or later; the server's certificate is checked against the system's trust
// store (or `ca_file`) and the host name (or `server_name`, also sent as SNI) unless
// verify_peer is false.
struct HttpTls {
  bool verify_peer = true;
  std::string ca_file;
  std::string server_name;
};

// One request on a fresh connection ("Connection: close"). Throws std::runtime_error
// naming host:port when the connection fails, the exchange times out or the response is
// not HTTP. `timeout` bounds the whole exchange.
HttpResult http_request(const std::string& host, std::uint16_t port, const std::string& method,
                        const std::string& target, const std::string& body = "",
                        const HttpHeaders& headers = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A persistent (keep-alive) connection for several requests in a row. Errors as above.
class HttpConnection {
 public:
  HttpConnection(const std::string& host, std::uint16_t port,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Over TLS when `tls` is given (connect includes the handshake).
  HttpConnection(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout,
                 std::optional<HttpTls> tls);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "", const HttpHeaders& headers = {});
  // Streams the body of a 2xx answer into the file `into` (created or truncated), never
  // holding it whole; `timeout` then bounds each read, not the whole transfer. Any other
  // answer leaves `into` alone and returns at most its first 4 KiB in `body`. A body longer
  // than `max_bytes` throws.
  HttpResult request_to_file(const std::string& method, const std::string& target,
                             const HttpHeaders& headers, const std::filesystem::path& into,
                             std::uint64_t max_bytes);
  // False once the server closed the connection (e.g. after "Connection: close").
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::net
