#include "sim/dlms/dlms_service.hpp"

#include <boost/asio/io_context.hpp>
#include <map>

#include "net/io_threads.hpp"
#include "sim/dlms/hdlc_pty.hpp"
#include "sim/dlms/hdlc_tcp_listener.hpp"
#include "sim/dlms/tcp_listener.hpp"

namespace jemhead::sim {

namespace asio = boost::asio;
using dlms_server::DlmsMeterServer;
using dlms_server::HdlcPty;
using dlms_server::HdlcTcpListener;
using dlms_server::TcpDlmsListener;

struct DlmsService::Impl {
  explicit Impl(Fleet& f) : fleet(f) {}
  Fleet& fleet;
  asio::io_context io;  // first: destroyed last, after everything that uses it
  std::vector<std::unique_ptr<DlmsMeterServer>> servers;
  std::map<std::string, DlmsMeterServer*, std::less<>> by_serial;
  std::map<std::string, std::unique_ptr<TcpDlmsListener>, std::less<>> listeners;
  std::map<std::string, std::unique_ptr<HdlcPty>, std::less<>> ptys;
  std::map<std::string, std::unique_ptr<HdlcTcpListener>, std::less<>> hdlc_tcp;
  std::optional<net::IoThreads> runners;  // after io: stopped before it is destroyed
  bool started = false;
};

DlmsService::DlmsService(Fleet& fleet, std::size_t threads) : impl_(std::make_unique<Impl>(fleet)) {
  impl_->runners.emplace(impl_->io, threads);
  for (const auto& meter : fleet.meters()) {
    if (!meter->spec().dlms) continue;
    auto server = std::make_unique<DlmsMeterServer>(*meter, meter->spec().dlms);
    impl_->by_serial.emplace(server->serial(), server.get());
    impl_->listeners.emplace(server->serial(),
                             std::make_unique<TcpDlmsListener>(impl_->io, *server));
    if (const auto& hdlc = meter->spec().dlms->hdlc)
      impl_->ptys.emplace(server->serial(), std::make_unique<HdlcPty>(impl_->io, *server, *hdlc));
    if (const auto& tcp = meter->spec().dlms->hdlc_tcp)
      impl_->hdlc_tcp.emplace(server->serial(),
                              std::make_unique<HdlcTcpListener>(impl_->io, *server, *tcp));
    impl_->servers.push_back(std::move(server));
  }
}

DlmsService::~DlmsService() {
  stop();
}

void DlmsService::start() {
  if (impl_->started) return;
  for (auto& [serial, listener] : impl_->listeners) listener->start();
  for (auto& [serial, pty] : impl_->ptys) pty->start();
  for (auto& [serial, listener] : impl_->hdlc_tcp) listener->start();
  impl_->runners->start();
  impl_->started = true;
}

void DlmsService::stop() {
  if (!impl_) return;
  impl_->runners->stop();
  // No thread runs the io_context any more, so its objects can be closed from here.
  for (auto& [serial, listener] : impl_->listeners) listener->close();
  for (auto& [serial, pty] : impl_->ptys) pty->close();
  for (auto& [serial, listener] : impl_->hdlc_tcp) listener->close();
  // Asio objects go before the io_context; pending coroutine frames go with it.
  impl_->listeners.clear();
  impl_->ptys.clear();
  impl_->hdlc_tcp.clear();
  impl_->started = false;
}

bool DlmsService::empty() const {
  return impl_->servers.empty();
}

Fleet& DlmsService::fleet() const {
  return impl_->fleet;
}

DlmsMeterServer* DlmsService::server(std::string_view serial) const {
  auto it = impl_->by_serial.find(serial);
  return it == impl_->by_serial.end() ? nullptr : it->second;
}

std::vector<DlmsMeterServer*> DlmsService::servers() const {
  std::vector<DlmsMeterServer*> out;
  for (const auto& s : impl_->servers) out.push_back(s.get());
  return out;
}

std::optional<DlmsEndpointInfo> DlmsService::endpoint(std::string_view serial) const {
  auto it = impl_->listeners.find(serial);
  if (it == impl_->listeners.end()) return std::nullopt;
  const auto* s = server(serial);
  DlmsEndpointInfo info;
  info.tcp = it->second->listen_text();
  info.physical_address = s->spec().physical_address;
  info.connected = it->second->connected();
  if (auto pty = impl_->ptys.find(serial); pty != impl_->ptys.end()) {
    const auto& p = *pty->second;
    info.hdlc =
        DlmsHdlcEndpoint{p.device(), p.link(), p.spec().baud, p.spec().max_info, p.connected()};
    info.connected = info.connected || p.connected();
  }
  if (auto tcp = impl_->hdlc_tcp.find(serial); tcp != impl_->hdlc_tcp.end()) {
    info.hdlc_tcp = tcp->second->listen_text();
    info.connected = info.connected || tcp->second->connected();
  }
  return info;
}

}  // namespace jemhead::sim
