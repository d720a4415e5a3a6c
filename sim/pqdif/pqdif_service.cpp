#include "sim/pqdif/pqdif_service.hpp"

#include <boost/asio/io_context.hpp>
#include <map>
#include <optional>
#include <stdexcept>

#include "net/http_server.hpp"
#include "net/io_threads.hpp"
#include "sim/pqdif/pqdif_export.hpp"
#include "sim/pqdif/push/pqdif_pusher.hpp"
#include "sim/pqdif/web_routes.hpp"

namespace jemhead::sim {

struct PqdifService::Impl {
  explicit Impl(Fleet& f) : fleet(f) {}
  Fleet& fleet;
  boost::asio::io_context io;  // first: destroyed last
  std::map<std::string, std::unique_ptr<PqdifRecorder>, std::less<>> recorders;
  std::map<std::string, std::unique_ptr<net::HttpServer>, std::less<>> servers;
  std::optional<net::IoThreads> runners;
  std::unique_ptr<PqdifPusher> pusher;
  std::map<std::string, std::string, std::less<>> export_directories;
  std::unique_ptr<PqdifExporter> exporter;
  bool started = false;
};

PqdifService::PqdifService(Fleet& fleet) : impl_(std::make_unique<Impl>(fleet)) {
  impl_->runners.emplace(impl_->io, 1);
  std::vector<PushTarget> pushing;
  std::vector<ExportTarget> exporting;
  for (const auto& meter : fleet.meters()) {
    const auto& spec = meter->spec();
    PqdifRecorder* recorder = nullptr;
    if (spec.pqdif) {
      auto r = std::make_unique<PqdifRecorder>(spec, meter->model(), meter->epoch());
      recorder = r.get();
      impl_->recorders.emplace(spec.serial, std::move(r));
    }
    if (recorder && spec.pqdif->push) {
      SimMeter* m = meter.get();
      pushing.push_back({spec.serial, *spec.pqdif->push, recorder,
                         [m] { return m->simulated_now(RealClock::now()); }});
    }
    if (recorder && !spec.pqdif->export_directory.empty()) {
      std::string dir = spec.pqdif->export_directory;
      if (spec.pqdif->export_per_serial) (dir += '/') += spec.serial;
      for (const auto& [other, taken] : impl_->export_directories)
        if (taken == dir) {
          std::string why = "meters " + other;
          why += " and " + spec.serial + " both export PQDIF to " + dir;
          throw std::invalid_argument(why);
        }
      SimMeter* m = meter.get();
      impl_->export_directories.emplace(spec.serial, dir);
      exporting.push_back(
          {spec.serial, dir, recorder, [m] { return m->simulated_now(RealClock::now()); }});
    }
    if (!spec.web) continue;
    net::HttpServerOptions options;
    options.listen = {net::Endpoint{spec.web->address, spec.web->port}};
    options.handler_threads = 1;
    options.max_connections = 16;
    options.body_limit = 4096;
    SimMeter* m = meter.get();
    auto web = spec.web;
    impl_->servers.emplace(spec.serial,
                           std::make_unique<net::HttpServer>(
                               impl_->io, options, [m, web, recorder](const net::HttpRequest& r) {
                                 return web_request(r, *web, recorder,
                                                    m->simulated_now(RealClock::now()));
                               }));
  }
  impl_->pusher = std::make_unique<PqdifPusher>(std::move(pushing));
  impl_->exporter = std::make_unique<PqdifExporter>(std::move(exporting));
}

PqdifService::~PqdifService() {
  stop();
}

void PqdifService::start() {
  if (impl_->started) return;
  impl_->exporter->start();  // first: may throw (a directory it cannot make)
  for (auto& [serial, server] : impl_->servers) server->start();
  impl_->runners->start();
  impl_->pusher->start();
  impl_->started = true;
}

void PqdifService::stop() {
  if (!impl_ || !impl_->started) return;
  impl_->pusher->stop();
  impl_->exporter->stop();
  for (auto& [serial, server] : impl_->servers) server->stop(std::chrono::milliseconds(1000));
  impl_->runners->stop();
  impl_->servers.clear();
  impl_->started = false;
}

bool PqdifService::empty() const {
  return impl_->recorders.empty() && impl_->servers.empty();
}

Fleet& PqdifService::fleet() const {
  return impl_->fleet;
}

PqdifRecorder* PqdifService::recorder(std::string_view serial) const {
  auto it = impl_->recorders.find(serial);
  return it == impl_->recorders.end() ? nullptr : it->second.get();
}

std::string PqdifService::web_url(std::string_view serial) const {
  auto it = impl_->servers.find(serial);
  if (it == impl_->servers.end() || !impl_->started) return {};
  const auto ep = it->second->bound().front();
  const bool v6 = ep.address.find(':') != std::string::npos;
  std::string url = "http://";
  if (v6) url += '[';
  url += ep.address;
  if (v6) url += ']';
  url += ':';
  url += std::to_string(ep.port);
  return url;
}

std::string PqdifService::export_directory(std::string_view serial) const {
  auto it = impl_->export_directories.find(serial);
  return it == impl_->export_directories.end() ? std::string{} : it->second;
}

PqdifPusher& PqdifService::pusher() const {
  return *impl_->pusher;
}

UtcTime PqdifService::now(std::string_view serial) const {
  SimMeter* m = impl_->fleet.find(serial);
  return m ? m->simulated_now(RealClock::now()) : UtcTime{};
}

}  // namespace jemhead::sim
