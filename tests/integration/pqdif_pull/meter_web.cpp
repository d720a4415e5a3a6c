#include "tests/integration/pqdif_pull/meter_web.hpp"

#include <boost/asio/io_context.hpp>
#include <thread>

#include "drivers/protocol/pqdif_http/http_session.hpp"
#include "net/http_server.hpp"

namespace jemhead::testing {

struct MeterWeb::Impl {
  std::string authorization;
  mutable std::mutex mutex;
  std::map<std::string, std::map<std::string, std::string>> dirs;
  boost::asio::io_context io;
  std::unique_ptr<net::HttpServer> server;
  std::thread thread;
};

MeterWeb::MeterWeb(std::string user, std::string password) : impl_(std::make_unique<Impl>()) {
  impl_->authorization = pqdif_http::basic_authorization(user, password);
  auto* impl = impl_.get();
  auto* deletes = &deletes_;
  impl_->server = std::make_unique<net::HttpServer>(
      impl_->io, net::HttpServerOptions{}, [impl, deletes](const net::HttpRequest& r) {
        net::HttpResponse out;
        out.content_type = "text/plain";
        if (r.header("authorization") != impl->authorization) {
          out.status = 401;
          out.headers.emplace_back("WWW-Authenticate", "Basic realm=\"JEMStar II\"");
          return out;
        }
        std::lock_guard lock(impl->mutex);
        if (auto d = impl->dirs.find(r.path); d != impl->dirs.end()) {
          out.content_type = "text/html";
          out.body = "<html><body><table>\n";
          for (const auto& [name, bytes] : d->second)
            out.body += "<tr><td><a href=\"" + r.path + "/" + name + "\">" + name +
                        "</a></td><td>2026-01-02 00:00:00</td><td>" + std::to_string(bytes.size()) +
                        "</td></tr>\n";
          out.body += "</table></body></html>\n";
          return out;
        }
        const auto slash = r.path.rfind('/');
        auto d = impl->dirs.find(r.path.substr(0, slash));
        if (slash == std::string::npos || d == impl->dirs.end() ||
            !d->second.count(r.path.substr(slash + 1))) {
          out.status = 404;
          return out;
        }
        const auto name = r.path.substr(slash + 1);
        if (r.method == "DELETE") {
          d->second.erase(name);
          ++*deletes;
          out.status = 204;
          return out;
        }
        out.content_type = "application/octet-stream";
        out.body = d->second.at(name);
        return out;
      });
  impl_->server->start();
  impl_->thread = std::thread([impl] { impl->io.run(); });
}

MeterWeb::~MeterWeb() {
  impl_->server->stop(std::chrono::seconds(1));
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t MeterWeb::port() const {
  return impl_->server->bound().front().port;
}

void MeterWeb::put(const std::string& dir, const std::string& name, const std::string& bytes) {
  std::lock_guard lock(impl_->mutex);
  impl_->dirs[dir][name] = bytes;
}

std::map<std::string, std::string> MeterWeb::files(const std::string& dir) const {
  std::lock_guard lock(impl_->mutex);
  auto d = impl_->dirs.find(dir);
  return d == impl_->dirs.end() ? std::map<std::string, std::string>{} : d->second;
}

}  // namespace jemhead::testing
