// The daemon refuses a bad configuration before doing anything, naming file, line and key.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

struct Outcome {
  int code;
  std::string output;
};

Outcome run(const TempDir& dir, std::vector<std::string> args) {
  std::vector<std::string> argv{jemhead_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  Process p(argv, dir.file("run.log"), dir.path());
  auto code = p.wait(std::chrono::seconds(20));
  EXPECT_TRUE(code.has_value()) << "jemhead did not exit";
  return {code.value_or(-1), p.log()};
}

TEST(DaemonConfig, BadRoleStopsStartupNamingFileLineAndKey) {
  TempDir dir;
  write_file(dir.file("bad.yaml"),
             "api:\n"
             "  listen: [\"127.0.0.1:0\"]\n"
             "  tokens:\n"
             "    - {name: x, role: superuser, sha256: \"00\"}\n");
  auto out = run(dir, {"serve", "--config", dir.file("bad.yaml")});
  EXPECT_EQ(out.code, 2);
  EXPECT_NE(out.output.find("bad.yaml:4"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("api.tokens[0].role"), std::string::npos) << out.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("var"))) << "nothing may be created";
}

TEST(DaemonConfig, UnknownKeyAndOutOfRangeAreBothReported) {
  TempDir dir;
  write_file(dir.file("bad.yaml"),
             "storage:\n"
             "  backnd: sqlite\n"
             "fleet:\n"
             "  meters:\n"
             "    - serial: \"1\"\n"
             "      connections:\n"
             "        - name: rs485\n"
             "          protocol: modbus\n"
             "          transport: rs485\n"
             "          device: /dev/ttyS0\n"
             "          address: 255\n");
  auto out = run(dir, {"check-config", dir.file("bad.yaml")});
  EXPECT_EQ(out.code, 2);
  EXPECT_NE(out.output.find("bad.yaml:2"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("storage.backnd"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("bad.yaml:11"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("address"), std::string::npos) << out.output;
}

TEST(DaemonConfig, ShippedExampleIsValid) {
  TempDir dir;
  auto out =
      run(dir, {"check-config", std::string(JEMHEAD_SOURCE_DIR) + "/config/jemhead.example.yaml"});
  EXPECT_EQ(out.code, 0) << out.output;
}

TEST(DaemonConfig, MissingFileIsAClearError) {
  TempDir dir;
  auto out = run(dir, {"serve", "--config", dir.file("nope.yaml")});
  EXPECT_EQ(out.code, 2);
  EXPECT_NE(out.output.find("nope.yaml"), std::string::npos) << out.output;
}

TEST(DaemonConfig, UnknownSubcommandPrintsUsage) {
  TempDir dir;
  auto out = run(dir, {"frobnicate"});
  EXPECT_EQ(out.code, 2);
  EXPECT_NE(out.output.find("serve"), std::string::npos) << out.output;
  auto version = run(dir, {"version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_NE(version.output.find("0.1.0"), std::string::npos) << version.output;
}

}  // namespace
}  // namespace jemhead::testing
