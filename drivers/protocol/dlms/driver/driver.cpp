#include "drivers/protocol/dlms/driver/driver.hpp"

#include "drivers/protocol/dlms/driver/driver_session.hpp"
#include "drivers/protocol/dlms/driver/profile_config.hpp"
#include "drivers/protocol/dlms/link/hdlc_channel.hpp"
#include "drivers/protocol/dlms/link/wrapper_channel.hpp"
#include "drivers/transport/modem_link.hpp"
#include "drivers/transport/serial_link.hpp"
#include "drivers/transport/tcp_link.hpp"

namespace jemhead::dlms {

namespace {

// The byte stream to the meter: a TCP connection, or a serial port at the profile's baud,
// 8N1 (the optical probe's too), with a modem on it for dial-up.
std::unique_ptr<transport::Link> make_link(const ConnectionProfile& profile,
                                           const DlmsProfileConfig& config,
                                           drivers::Executor executor) {
  const auto timeout = std::chrono::milliseconds(profile.timeout_ms);
  if (profile.transport == Transport::tcp) {
    transport::TcpLinkOptions tcp;
    tcp.host = profile.host;
    tcp.port = profile.effective_port();
    tcp.connect_timeout = timeout;
    return std::make_unique<transport::TcpLink>(executor, tcp);
  }
  transport::SerialLinkOptions serial;
  serial.device = profile.device;
  serial.baud = profile.baud;
  auto line = std::make_unique<transport::SerialLink>(executor, serial);
  if (profile.transport != Transport::modem) return line;
  transport::ModemLinkOptions modem;
  modem.init = profile.modem_init;
  modem.phone = profile.phone;
  modem.command_timeout = timeout;
  modem.dial_timeout = config.dial_timeout;
  return std::make_unique<transport::ModemLink>(std::move(line), modem);
}

std::unique_ptr<link::ApduChannel> make_channel(const ConnectionProfile& profile,
                                                const DlmsProfileConfig& config,
                                                drivers::Executor executor) {
  const auto timeout = std::chrono::milliseconds(profile.timeout_ms);
  auto link = make_link(profile, config, executor);
  // The client's SAP addresses it in both framings; the role's authentication follows in
  // the AARQ.
  const auto sap = session::client_sap(config.role);
  if (config.framing == DlmsFraming::hdlc) {
    link::HdlcChannelOptions o;
    o.client_sap = sap;
    o.physical_address = config.physical_address;
    o.response_timeout = timeout;
    o.inter_frame_timeout = config.inter_frame_timeout;
    o.inactivity_timeout = config.inactivity_timeout;
    return std::make_unique<link::HdlcChannel>(std::move(link), o);
  }
  link::WrapperChannelOptions o;
  o.client_wport = sap;
  o.server_wport = wrapper::kManagementLogicalDevice;
  o.response_timeout = timeout;
  return std::make_unique<link::WrapperChannel>(std::move(link), o);
}

// The coroutine behind open(): everything by value, since its body runs after open() has
// returned and the caller's meter and profile need not outlive that.
drivers::Task<std::unique_ptr<drivers::Session>> open_session(std::int64_t meter_id,
                                                              ConnectionProfile p,
                                                              drivers::Executor executor) {
  auto load = load_dlms_profile(p);
  if (!load.ok())
    throw drivers::ConfigurationError("connection profile '" + p.name +
                                      "' is not usable: " + load.problems.summary());
  const auto& config = load.config;

  std::unique_ptr<link::ApduChannel> channel;
  try {
    channel = make_channel(p, config, executor);
  } catch (const transport::TransportError& e) {
    throw drivers::ConfigurationError(e.what());  // e.g. an empty host or device
  }
  session::CosemClientOptions options;
  if (config.scaler_override)
    options.scaling.set_all(cosem::ScalingOverride{config.scaler_override, std::nullopt});
  auto client = std::make_unique<session::CosemClient>(*channel, options);
  try {
    auto associating = client->associate(config.role, config.password);
    co_await std::move(associating);
  } catch (...) {
    channel->close();
    throw;
  }
  co_return std::make_unique<DlmsSession>(meter_id, std::move(channel), std::move(client));
}

}  // namespace

CapabilitySet DlmsDriver::capabilities() const {
  return {Capability::read_registers, Capability::read_instantaneous, Capability::read_clock,
          Capability::set_clock,      Capability::read_identity,      Capability::read_load_profile,
          Capability::read_events};
}

CapabilitySet DlmsDriver::capabilities_for(const ConnectionProfile& profile) const {
  const auto load = load_dlms_profile(profile);
  // An unusable profile opens no session; what it could do is moot, so claim the least.
  const auto role = load.ok() ? load.config.role : session::ClientRole::public_client;
  switch (role) {
    case session::ClientRole::manager: return capabilities();
    case session::ClientRole::reader:
      // Everything but the clock SET, which only SAP 1 may do (L6567-L6583).
      return {Capability::read_registers, Capability::read_instantaneous, Capability::read_clock,
              Capability::read_identity,  Capability::read_load_profile,  Capability::read_events};
    case session::ClientRole::public_client:
      // The public client reads the identification objects and the time only (L6553-L6593).
      return {Capability::read_clock, Capability::read_identity};
  }
  return {};
}

Validation DlmsDriver::validate_options(const ConnectionProfile& profile) const {
  return load_dlms_profile(profile).problems;
}

drivers::Task<std::unique_ptr<drivers::Session>> DlmsDriver::open(
    const Meter& meter, const ConnectionProfile& profile, drivers::Executor executor) const {
  return open_session(meter.id, profile, std::move(executor));
}

}  // namespace jemhead::dlms
