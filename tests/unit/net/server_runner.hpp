#pragma once
// Runs a real HttpServer on loopback with its own io threads for a test.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "net/http_server.hpp"

namespace jemhead::testing {

class ServerRunner {
 public:
  ServerRunner(net::HttpServerOptions options, net::HttpHandler handler, int io_threads = 2)
      : work_(io_.get_executor()),
        server_(std::make_unique<net::HttpServer>(io_, std::move(options), std::move(handler))) {
    server_->start();
    for (int i = 0; i < io_threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~ServerRunner() {
    server_->stop(std::chrono::milliseconds(0));
    work_.reset();
    io_.stop();
    for (auto& t : threads_) t.join();
    server_.reset();
  }
  net::HttpServer& server() { return *server_; }
  std::uint16_t port(std::size_t i = 0) const { return server_->bound().at(i).port; }
  const std::string address(std::size_t i = 0) const { return server_->bound().at(i).address; }

 private:
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::unique_ptr<net::HttpServer> server_;
  std::vector<std::thread> threads_;
};

}  // namespace jemhead::testing
