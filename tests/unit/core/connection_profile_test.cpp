#include "core/connection_profile.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jemhead {
namespace {

bool has_error(const Validation& v, const std::string& field) {
  return std::any_of(v.errors().begin(), v.errors().end(),
                     [&](const FieldError& e) { return e.field == field; });
}

ConnectionProfile serial_profile() {
  ConnectionProfile p;
  p.name = "rs485";
  p.protocol = Protocol::modbus;
  p.transport = Transport::rs485;
  p.device = "/dev/ttyUSB0";
  return p;
}

TEST(ConnectionProfile, TcpDefaultsArePerProtocol) {
  ConnectionProfile p;
  p.name = "eth";
  p.host = "127.0.0.1";
  EXPECT_TRUE(validate(p).ok()) << validate(p).summary();
  EXPECT_EQ(p.effective_port(), 4059);  // DLMS wrapper
  p.protocol = Protocol::dnp3;
  EXPECT_EQ(p.effective_port(), 20000);
  p.protocol = Protocol::modbus;
  EXPECT_EQ(p.effective_port(), 502);
  p.port = 1502;
  EXPECT_EQ(p.effective_port(), 1502);
}

TEST(ConnectionProfile, SerialAddressIs1To254) {
  auto p = serial_profile();
  for (int a : {1, 100, 254}) {
    p.address = static_cast<std::uint16_t>(a);
    EXPECT_TRUE(validate(p).ok()) << a;
  }
  for (int a : {0, 255, 1000}) {
    p.address = static_cast<std::uint16_t>(a);
    EXPECT_TRUE(has_error(validate(p), "address")) << a;
  }
}

TEST(ConnectionProfile, BaudMustBeAListedRate) {
  auto p = serial_profile();
  p.baud = 38400;
  EXPECT_TRUE(validate(p).ok());
  p.baud = 115200;
  EXPECT_TRUE(has_error(validate(p), "baud"));
}

TEST(ConnectionProfile, ModemNeedsAPhoneOfAtMost50Chars) {
  auto p = serial_profile();
  p.transport = Transport::modem;
  EXPECT_TRUE(has_error(validate(p), "phone"));
  p.phone = std::string(50, '9');
  EXPECT_TRUE(validate(p).ok()) << validate(p).summary();
  p.phone = std::string(51, '9');
  EXPECT_TRUE(has_error(validate(p), "phone"));
}

TEST(ConnectionProfile, FieldsOfOtherTransportsAreRefused) {
  ConnectionProfile p;
  p.name = "eth";
  p.host = "127.0.0.1";
  p.device = "/dev/ttyS0";
  p.phone = "5551234";
  auto v = validate(p);
  EXPECT_TRUE(has_error(v, "device"));
  EXPECT_TRUE(has_error(v, "phone"));
  auto s = serial_profile();
  s.host = "example";
  s.port = 502;
  v = validate(s);
  EXPECT_TRUE(has_error(v, "host"));
  EXPECT_TRUE(has_error(v, "port"));
}

TEST(ConnectionProfile, FileProtocolsNeedANetwork) {
  auto p = serial_profile();
  p.protocol = Protocol::sftp;
  EXPECT_TRUE(has_error(validate(p), "transport"));
}

TEST(ConnectionProfile, ProtocolNamesRoundTrip) {
  for (const auto& [value, name] : EnumText<Protocol>::names) {
    EXPECT_EQ(from_text<Protocol>(name), value);
    EXPECT_EQ(to_text(value), name);
  }
  EXPECT_FALSE(from_text<Protocol>("ftp").has_value());
  EXPECT_EQ(allowed_texts<Transport>(), "tcp, tls, serial, rs485, modem, optical, cell");
}

}  // namespace
}  // namespace jemhead
