#include "sim/modbus/modbus_service.hpp"

#include <boost/asio/io_context.hpp>
#include <map>
#include <stdexcept>

#include "net/io_threads.hpp"
#include "sim/modbus/rtu_bus.hpp"
#include "sim/modbus/tcp_slave_listener.hpp"

namespace jemhead::sim {

namespace asio = boost::asio;

struct ModbusService::Impl {
  explicit Impl(Fleet& f) : fleet(f) {}
  Fleet& fleet;
  asio::io_context io;  // first: destroyed last, after everything that uses it
  std::vector<std::unique_ptr<ModbusSlave>> slaves;
  std::map<std::string, ModbusSlave*, std::less<>> by_serial;
  std::map<std::string, std::unique_ptr<TcpSlaveListener>, std::less<>> listeners;  // by serial
  std::map<std::string, std::unique_ptr<TcpSlaveListener>, std::less<>> rtu_tcp_listeners;
  std::vector<std::unique_ptr<RtuBus>> buses;
  std::map<std::string, RtuBus*, std::less<>> bus_of;  // by serial
  std::optional<net::IoThreads> runners;               // after io: stopped before it is destroyed
  bool started = false;
};

ModbusService::ModbusService(Fleet& fleet, const std::vector<RtuBusSpec>& buses,
                             std::size_t threads)
    : impl_(std::make_unique<Impl>(fleet)) {
  impl_->runners.emplace(impl_->io, threads);
  std::map<std::string, std::vector<ModbusSlave*>> on_bus;
  for (const auto& b : buses) on_bus[b.name];
  for (const auto& meter : fleet.meters()) {
    if (!meter->spec().modbus) continue;
    auto slave = std::make_unique<ModbusSlave>(*meter, meter->spec().modbus);
    ModbusSlave* s = slave.get();
    impl_->by_serial.emplace(meter->spec().serial, s);
    impl_->slaves.push_back(std::move(slave));
    const auto& spec = s->spec();
    if (spec.tcp)
      impl_->listeners.emplace(s->serial(), std::make_unique<TcpSlaveListener>(impl_->io, *s));
    if (spec.rtu_tcp)
      impl_->rtu_tcp_listeners.emplace(
          s->serial(), std::make_unique<TcpSlaveListener>(impl_->io, *s, TcpSlaveFraming::rtu));
    if (spec.rtu_bus) {
      auto it = on_bus.find(*spec.rtu_bus);
      if (it == on_bus.end())
        throw std::invalid_argument("meter " + s->serial() + ": no RTU bus named " + *spec.rtu_bus);
      it->second.push_back(s);
    }
  }
  for (const auto& b : buses) {
    auto bus = std::make_unique<RtuBus>(impl_->io, b, on_bus[b.name]);
    for (ModbusSlave* s : on_bus[b.name]) impl_->bus_of.emplace(s->serial(), bus.get());
    impl_->buses.push_back(std::move(bus));
  }
}

ModbusService::~ModbusService() {
  stop();
}

void ModbusService::start() {
  if (impl_->started) return;
  for (auto& [serial, listener] : impl_->listeners) listener->start();
  for (auto& [serial, listener] : impl_->rtu_tcp_listeners) listener->start();
  for (auto& bus : impl_->buses) bus->start();
  impl_->runners->start();
  impl_->started = true;
}

void ModbusService::stop() {
  if (!impl_) return;
  impl_->runners->stop();
  // No thread runs the io_context any more, so its objects can be closed from here.
  for (auto& [serial, listener] : impl_->listeners) listener->close();
  for (auto& [serial, listener] : impl_->rtu_tcp_listeners) listener->close();
  for (auto& bus : impl_->buses) bus->close();
  // Asio objects go before the io_context; pending coroutine frames go with it.
  impl_->listeners.clear();
  impl_->rtu_tcp_listeners.clear();
  impl_->bus_of.clear();
  impl_->buses.clear();
  impl_->started = false;
}

bool ModbusService::empty() const {
  return impl_->slaves.empty();
}

Fleet& ModbusService::fleet() const {
  return impl_->fleet;
}

ModbusSlave* ModbusService::slave(std::string_view serial) const {
  auto it = impl_->by_serial.find(serial);
  return it == impl_->by_serial.end() ? nullptr : it->second;
}

std::vector<ModbusSlave*> ModbusService::slaves() const {
  std::vector<ModbusSlave*> out;
  for (const auto& s : impl_->slaves) out.push_back(s.get());
  return out;
}

std::vector<ModbusBusInfo> ModbusService::buses() const {
  std::vector<ModbusBusInfo> out;
  for (const auto& bus : impl_->buses) {
    ModbusBusInfo info{bus->spec().name, bus->spec().baud, bus->device(), {}};
    for (ModbusSlave* s : bus->slaves())
      info.meters.emplace_back(s->serial(), s->spec().rtu_address.value_or(0));
    out.push_back(std::move(info));
  }
  return out;
}

ModbusEndpointInfo ModbusService::endpoints(std::string_view serial) const {
  ModbusEndpointInfo info;
  if (auto it = impl_->listeners.find(serial); it != impl_->listeners.end())
    info.tcp = it->second->listen_text();
  if (auto it = impl_->rtu_tcp_listeners.find(serial); it != impl_->rtu_tcp_listeners.end()) {
    info.rtu_tcp = it->second->listen_text();
    if (auto* s = slave(serial)) info.rtu_tcp_address = s->spec().rtu_tcp_device_address();
  }
  if (auto it = impl_->bus_of.find(serial); it != impl_->bus_of.end()) {
    info.rtu_bus = it->second->spec().name;
    info.rtu_device = it->second->device();
    if (auto* s = slave(serial)) info.rtu_address = s->spec().rtu_address;
  }
  return info;
}

}  // namespace jemhead::sim
