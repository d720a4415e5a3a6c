// A Modbus profile whose options the driver cannot use is refused when it is stored, with
// the field named, instead of failing at the first scheduled read.
#include <gtest/gtest.h>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

TEST(ModbusProfileOptions, TheDriverChecksThemWhenTheApiStoresTheProfile) {
  TempDir dir;
  Jemhead daemon(dir, daemon_config(dir));
  auto meter = daemon.call("POST", "/api/v1/meters", R"({"serial":"50000001"})");
  ASSERT_EQ(meter.status, 201) << meter.body;
  const auto path =
      "/api/v1/meters/" + std::to_string(meter.json().at("id").as_int64()) + "/connections";
  const std::string head = R"({"name":"eth","protocol":"modbus","transport":"tcp",)"
                           R"("host":"127.0.0.1","port":1502,"options":)";

  auto bad_framing = daemon.call("POST", path, head + R"({"framing":"smoke"}})");
  EXPECT_EQ(bad_framing.status, 422) << bad_framing.body;
  EXPECT_NE(bad_framing.body.find("options/framing"), std::string::npos) << bad_framing.body;

  auto both = daemon.call("POST", path, head + R"({"map":{},"map_file":"/x.json"}})");
  EXPECT_EQ(both.status, 422) << both.body;
  EXPECT_NE(both.body.find("options/map_file"), std::string::npos) << both.body;

  auto missing = daemon.call("POST", path, head + R"({"map_file":"/nonexistent/map.json"}})");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find("options/map_file"), std::string::npos) << missing.body;

  EXPECT_EQ(daemon.call("GET", path).json().at("items").as_array().size(), 0u);

  auto good = daemon.call("POST", path, head + R"({"framing":"rtu"}})");
  EXPECT_EQ(good.status, 201) << good.body;
}

}  // namespace
}  // namespace jemhead::testing
