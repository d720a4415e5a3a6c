#include <gtest/gtest.h>

#include "drivers/driver.hpp"

namespace jemhead::drivers {
namespace {

// A real (if tiny) driver: the registry only needs protocol and capabilities.
class FixedDriver : public Driver {
 public:
  FixedDriver(Protocol p, CapabilitySet caps) : protocol_(p), caps_(caps) {}
  Protocol protocol() const override { return protocol_; }
  CapabilitySet capabilities() const override { return caps_; }
  Validation validate_options(const ConnectionProfile&) const override { return {}; }

 private:
  Protocol protocol_;
  CapabilitySet caps_;
};

ConnectionProfile profile(const std::string& name, Protocol p, bool is_default) {
  ConnectionProfile c;
  c.name = name;
  c.protocol = p;
  c.is_default = is_default;
  return c;
}

DriverRegistry registry() {
  DriverRegistry r;
  r.add(Protocol::modbus, [] {
    return std::make_unique<FixedDriver>(Protocol::modbus,
                                         CapabilitySet{Capability::read_registers});
  });
  r.add(Protocol::dlms, [] {
    return std::make_unique<FixedDriver>(
        Protocol::dlms, CapabilitySet{Capability::read_registers, Capability::read_load_profile});
  });
  return r;
}

TEST(DriverRegistry, PrefersTheDefaultProfile) {
  auto r = registry();
  std::string why;
  auto chosen = r.route({profile("a", Protocol::modbus, false), profile("b", Protocol::dlms, true)},
                        Capability::read_registers, why);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->name, "b");
}

TEST(DriverRegistry, FallsBackToAProfileThatCan) {
  auto r = registry();
  std::string why;
  auto chosen = r.route({profile("a", Protocol::modbus, true), profile("b", Protocol::dlms, false)},
                        Capability::read_load_profile, why);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->name, "b");
}

TEST(DriverRegistry, ExplainsWhyNothingCan) {
  auto r = registry();
  std::string why;
  EXPECT_FALSE(
      r.route({profile("eth", Protocol::modbus, true), profile("x", Protocol::dnp3, false)},
              Capability::set_clock, why));
  EXPECT_EQ(why,
            "no connection profile can set_clock; tried eth (modbus: cannot set_clock), "
            "x (dnp3: no driver installed)");
  EXPECT_FALSE(r.route({}, Capability::read_registers, why));
  EXPECT_EQ(why, "the meter has no connection profiles");
}

TEST(CapabilitySet, ListsInDeclarationOrder) {
  CapabilitySet s{Capability::set_clock, Capability::read_registers};
  EXPECT_TRUE(s.has(Capability::set_clock));
  EXPECT_FALSE(s.has(Capability::read_clock));
  ASSERT_EQ(s.list().size(), 2u);
  EXPECT_EQ(s.list()[0], Capability::read_registers);
}

}  // namespace
}  // namespace jemhead::drivers
