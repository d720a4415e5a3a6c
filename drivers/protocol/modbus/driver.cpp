#include "drivers/protocol/modbus/driver.hpp"

#include "drivers/protocol/modbus/bus_channel.hpp"
#include "drivers/protocol/modbus/driver_session.hpp"
#include "drivers/protocol/modbus/mbap_channel.hpp"
#include "drivers/protocol/modbus/profile_config.hpp"
#include "drivers/protocol/modbus/rtu_channel.hpp"
#include "drivers/transport/bus.hpp"
#include "drivers/transport/serial_link.hpp"
#include "drivers/transport/tcp_link.hpp"
#include "drivers/transport/tls_link.hpp"

namespace jemhead::modbus {

namespace {

std::unique_ptr<transport::Link> make_link(const ConnectionProfile& profile,
                                           drivers::Executor executor) {
  const auto connect_timeout = std::chrono::milliseconds(profile.timeout_ms);
  switch (profile.transport) {
    case Transport::tcp:
    case Transport::cell: {
      transport::TcpLinkOptions o;
      o.host = profile.host;
      o.port = profile.effective_port();
      o.connect_timeout = connect_timeout;
      return std::make_unique<transport::TcpLink>(executor, o);
    }
    case Transport::tls: {
      transport::TlsLinkOptions o;
      o.host = profile.host;
      o.port = profile.effective_port();
      o.connect_timeout = connect_timeout;
      return std::make_unique<transport::TlsLink>(executor, o);
    }
    case Transport::serial:
    case Transport::rs485: {
      transport::SerialLinkOptions o;
      o.device = profile.device;
      o.baud = profile.baud;
      // The meter keeps its transmitter on for its TX End Delay after answering; the
      // profile's rs485_delay_ms (40 ms suggested, L5195-5231) is that turnaround.
      if (profile.transport == Transport::rs485)
        o.rs485.turnaround_delay = std::chrono::milliseconds(profile.rs485_delay_ms);
      return std::make_unique<transport::SerialLink>(executor, o);
    }
    case Transport::modem:
    case Transport::optical: break;
  }
  throw drivers::ConfigurationError("the Modbus driver cannot use transport " +
                                    std::string(to_text(profile.transport)));
}

}  // namespace

std::shared_ptr<transport::Bus> ModbusDriver::bus_for(const ConnectionProfile& profile,
                                                      drivers::Executor executor) const {
  std::lock_guard lock(buses_mutex_);
  auto& slot = buses_[profile.device];
  if (auto bus = slot.lock()) return bus;
  auto bus = std::make_shared<transport::Bus>(make_link(profile, executor),
                                              transport::rtu_bus_options(profile.baud));
  slot = bus;
  return bus;
}

CapabilitySet ModbusDriver::capabilities() const {
  return {Capability::read_registers, Capability::read_instantaneous, Capability::read_status,
          Capability::write_presets, Capability::control_outputs};
}

Validation ModbusDriver::validate_options(const ConnectionProfile& profile) const {
  return load_modbus_profile(profile).problems;
}

drivers::Task<std::unique_ptr<drivers::Session>> ModbusDriver::open(
    const Meter& meter, const ConnectionProfile& profile, drivers::Executor executor) const {
  auto load = load_modbus_profile(profile, meter);
  if (!load.ok())
    throw drivers::ConfigurationError("connection profile '" + profile.name +
                                      "' is not usable: " + load.problems.summary());
  const auto& config = load.config;

  std::unique_ptr<PduChannel> channel;
  try {
    if (profile.transport == Transport::rs485)
      channel = std::make_unique<BusChannel>(bus_for(profile, executor), config.unit_id,
                                             config.options.crc_order);
    else if (config.framing == TcpFraming::mbap)
      channel = std::make_unique<MbapChannel>(make_link(profile, executor), config.unit_id);
    else
      channel = std::make_unique<RtuChannel>(make_link(profile, executor), config.unit_id,
                                             config.options.crc_order);
  } catch (const transport::TransportError& e) {
    throw drivers::ConfigurationError(e.what());  // e.g. an unsupported baud rate
  }
  auto master =
      std::make_unique<ModbusMaster>(executor, std::move(channel), master_options(profile));
  co_return std::make_unique<ModbusSession>(meter.id, config.map, config.options.limits,
                                            std::move(master), config.map_source);
}

}  // namespace jemhead::modbus
