// The subcommand table as the shell sees it: exit codes, stdout and stderr.
#include "service/commands.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/service/command_runner.hpp"

namespace jemhead::service {
namespace {

using testing::run;

TEST(ServiceCommands, EveryCommandIsListedInHelp) {
  auto r = run({"help"});
  EXPECT_EQ(r.code, 0);
  for (const auto& c : commands())
    EXPECT_NE(r.out.find("  " + std::string(c.name)), std::string::npos) << c.name;
  EXPECT_GE(commands().size(), 5u);
}

TEST(ServiceCommands, UnknownOrMissingCommandPrintsUsageOnStderrAndExits2) {
  auto r = run({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_NE(r.err.find("check-config FILE"), std::string::npos);
  auto none = run({});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("usage: jemhead"), std::string::npos);
}

TEST(ServiceCommands, VersionPrintsTheProjectVersion) {
  auto r = run({"version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "jemhead 0.1.0\n");
  EXPECT_EQ(run({"version", "extra"}).code, 2);
}

TEST(ServiceCommands, HashTokenFromArgumentOrStdin) {
  const std::string secret_digest =
      "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b\n";
  EXPECT_EQ(run({"hash-token", "secret"}).out, secret_digest);
  auto piped = run({"hash-token"}, "secret\n");
  EXPECT_EQ(piped.code, 0);
  EXPECT_EQ(piped.out, secret_digest);
  EXPECT_EQ(run({"hash-token"}, "secret\r\n").out, secret_digest);
  auto empty = run({"hash-token"}, "");
  EXPECT_EQ(empty.code, 2);
  EXPECT_TRUE(empty.out.empty());
  EXPECT_EQ(run({"hash-token", "a", "b"}).code, 2);
}

class ServiceCheckConfig : public ::testing::Test {
 protected:
  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("jemhead-check-" + std::to_string(::getpid()));
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
};

TEST_F(ServiceCheckConfig, GoodFilePrintsOk) {
  auto r = run({"check-config", write("good.yaml", "threads: 3\n").c_str()});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "OK\n");
}

TEST_F(ServiceCheckConfig, BadFilePrintsEveryErrorAndExits2) {
  const auto path = write("bad.yaml", "threads: 0\nlogging: {format: xml}\n");
  auto r = run({"check-config", path.c_str()});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(path + ":1: threads: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":2: logging.format: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 errors"), std::string::npos) << r.err;
  EXPECT_EQ(run({"check-config"}).code, 2);
}

TEST_F(ServiceCheckConfig, ServeRefusesABadFileWithoutCreatingAnything) {
  const auto path = write("bad.yaml", "data_dir: " + (dir_ / "var").string() + "\nthreads: x\n");
  auto r = run({"serve", "--config", path.c_str()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(path + ":2: threads: "), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "var"));
  EXPECT_EQ(run({"serve", "--bogus"}).code, 2);
  EXPECT_EQ(run({"serve", "--config"}).code, 2);
}

}  // namespace
}  // namespace jemhead::service
