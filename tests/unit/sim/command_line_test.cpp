#include "sim/command_line.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "sim/ready_file.hpp"

namespace jemhead::sim {
namespace {

TEST(CommandLine, FleetFileOrGeneratedMeters) {
  auto a = parse_command_line({"--fleet", "f.yaml", "--ready-file", "r.json"});
  EXPECT_EQ(a.fleet_file, "f.yaml");
  EXPECT_EQ(a.ready_file, "r.json");
  EXPECT_FALSE(a.meters);
  auto b = parse_command_line(
      {"--meters", "1000", "--seed", "9", "--time-factor", "60", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(*b.meters, 1000u);
  EXPECT_EQ(*b.seed, 9u);
  EXPECT_EQ(*b.time_factor, 60.0);
  EXPECT_EQ(*b.listen, "127.0.0.1:0");
  EXPECT_TRUE(parse_command_line({"--help"}).help);
}

TEST(CommandLine, RejectsWhatItCannotUse) {
  const std::vector<std::vector<std::string>> bad = {
      {},
      {"--fleet", "f.yaml", "--meters", "3"},
      {"--fleet"},
      {"--meters", "many"},
      {"--meters", "100001"},
      {"--meters", "3", "--time-factor", "-2"},
      {"--fleet", "f.yaml", "--seed", "3"},
      {"--verbose"},
  };
  for (const auto& args : bad) EXPECT_THROW(parse_command_line(args), std::invalid_argument);
}

TEST(ReadyFile, IsWrittenWholeWithPidUrlAndMeterCount) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jemsim_ready_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "ready.json").string();
  write_file_atomically(path, ready_json(1234, "http://127.0.0.1:4000", 3));
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);  // one line of JSON
  const auto v = boost::json::parse(text).as_object();
  EXPECT_EQ(v.at("pid").to_number<long>(), 1234);
  EXPECT_EQ(v.at("control"), "http://127.0.0.1:4000");
  EXPECT_EQ(v.at("meters").to_number<int>(), 3);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_THROW(write_file_atomically((dir / "missing" / "r.json").string(), "x"),
               std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jemhead::sim
