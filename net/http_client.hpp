#pragma once
// A small blocking HTTP/1.1 client for tools and tests (never for talking to meters).
// Each call runs its own short-lived io_context, so it needs no threads from the caller.
// Beast types stay in the .cpp.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
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
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "", const HttpHeaders& headers = {});
  // False once the server closed the connection (e.g. after "Connection: close").
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::net
