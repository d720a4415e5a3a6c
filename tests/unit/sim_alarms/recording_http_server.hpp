#pragma once
// A loopback net::HttpServer that keeps every request it gets and answers with a chosen
// status: the head-end's place in the web notifier tests.
#include <boost/asio/io_context.hpp>
#include <mutex>
#include <optional>
#include <vector>

#include "net/http_server.hpp"
#include "net/io_threads.hpp"

namespace jemhead::sim::testing {

class RecordingHttpServer {
 public:
  explicit RecordingHttpServer(int status = 200,
                               std::optional<net::TlsServerOptions> tls = std::nullopt)
      : status_(status), scheme_(tls ? "https" : "http") {
    net::HttpServerOptions options;
    options.listen = {net::Endpoint{"127.0.0.1", 0}};
    options.tls = std::move(tls);
    options.handler_threads = 1;
    server_ = std::make_unique<net::HttpServer>(io_, options, [this](const net::HttpRequest& r) {
      std::lock_guard lock(mutex_);
      requests_.push_back(r);
      net::HttpResponse answer;
      answer.status = status_;
      answer.content_type = "text/html; charset=utf-8";
      answer.body = "200 OK";
      return answer;
    });
    server_->start();
    threads_.start();
  }
  ~RecordingHttpServer() {
    server_->stop(std::chrono::milliseconds(500));
    threads_.stop();
  }

  std::string url(const std::string& path = "/ingest/web-alarm") const {
    return scheme_ + "://127.0.0.1:" + std::to_string(server_->bound().front().port) + path;
  }
  std::vector<net::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  int status_;
  std::string scheme_;
  boost::asio::io_context io_;
  net::IoThreads threads_{io_, 1};
  std::unique_ptr<net::HttpServer> server_;
  mutable std::mutex mutex_;
  std::vector<net::HttpRequest> requests_;
};

// The parts of a multipart/form-data body, read minimally: name, filename and bytes.
struct FormPart {
  std::string name, file_name, headers, body;
};

inline std::vector<FormPart> form_parts(const std::string& content_type, const std::string& body) {
  std::vector<FormPart> parts;
  const auto b = content_type.find("boundary=");
  if (b == std::string::npos) return parts;
  const std::string delimiter = "--" + content_type.substr(b + 9);
  std::size_t at = body.find(delimiter);
  while (at != std::string::npos) {
    at += delimiter.size();
    if (body.compare(at, 2, "--") == 0) break;  // the closing delimiter
    at += 2;                                    // CRLF
    const auto header_end = body.find("\r\n\r\n", at);
    const auto next = body.find("\r\n" + delimiter, header_end);
    if (header_end == std::string::npos || next == std::string::npos) break;
    FormPart p;
    p.headers = body.substr(at, header_end - at);
    p.body = body.substr(header_end + 4, next - header_end - 4);
    auto field = [&](const std::string& key) {
      const auto k = p.headers.find(key + "=\"");
      if (k == std::string::npos) return std::string{};
      const auto start = k + key.size() + 2;
      return p.headers.substr(start, p.headers.find('"', start) - start);
    };
    p.name = field(" name");
    p.file_name = field("filename");
    parts.push_back(std::move(p));
    at = next + 2;
  }
  return parts;
}

}  // namespace jemhead::sim::testing
