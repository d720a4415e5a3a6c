#include "tests/unit/pqdif_pull/https_test_server.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

namespace jemhead::pqdif_http::testing {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct HttpsTestServer::Impl {
  asio::io_context io;
  ssl::context context{ssl::context::tls_server};
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::map<std::string, std::string> files;
  std::atomic<bool> stopping{false};
  std::atomic<int> requests{0};
  std::thread thread;

  http::response<http::string_body> answer(const http::request<http::string_body>& req) {
    http::response<http::string_body> res{http::status::ok, req.version()};
    const std::string target(req.target());
    if (target == "/pqdif") {
      res.set(http::field::content_type, "text/html");
      for (const auto& [name, bytes] : files)
        res.body() += "<a href=\"/pqdif/" + name + "\">" + name + "</a> " +
                      std::to_string(bytes.size()) + "\n";
    } else if (auto it = files.find(target.substr(target.rfind('/') + 1)); it != files.end()) {
      res.body() = it->second;
    } else {
      res.result(http::status::not_found);
    }
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
  }

  // Serves one connection until the client closes it; a failed handshake ends it.
  void serve(tcp::socket socket) {
    ssl::stream<tcp::socket> stream(std::move(socket), context);
    boost::system::error_code ec;
    stream.handshake(ssl::stream_base::server, ec);
    if (ec) return;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      http::read(stream, buffer, req, ec);
      if (ec) return;
      auto res = answer(req);
      http::write(stream, res, ec);
      ++requests;
      if (ec || !res.keep_alive()) return;
    }
  }

  void run() {
    while (!stopping) {
      boost::system::error_code ec;
      tcp::socket socket(io);
      acceptor.accept(socket, ec);
      if (stopping) return;
      if (!ec) serve(std::move(socket));
    }
  }
};

HttpsTestServer::HttpsTestServer(std::filesystem::path certificate, std::filesystem::path key,
                                 std::map<std::string, std::string> files)
    : impl_(std::make_unique<Impl>()) {
  impl_->context.use_certificate_chain_file(certificate.string());
  impl_->context.use_private_key_file(key.string(), ssl::context::pem);
  impl_->files = std::move(files);
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

HttpsTestServer::~HttpsTestServer() {
  impl_->stopping = true;
  boost::system::error_code ec;
  tcp::socket wake(impl_->io);  // unblocks accept()
  wake.connect({asio::ip::make_address("127.0.0.1"), port()}, ec);
  impl_->thread.join();
}

std::uint16_t HttpsTestServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

int HttpsTestServer::requests() const {
  return impl_->requests;
}

}  // namespace jemhead::pqdif_http::testing
