#pragma once
// jemsim's command line:
//   jemsim --fleet FILE [--ready-file PATH]
//   jemsim --meters N [--seed S] [--time-factor F] [--listen ADDR:PORT] [--ready-file PATH]
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jemhead::sim {

struct CommandLine {
  std::string fleet_file;
  std::optional<std::size_t> meters;
  std::optional<std::uint64_t> seed;  // --meters only; default 1
  std::optional<double> time_factor;
  std::optional<std::string> listen;
  std::string ready_file;
  bool help = false;
};

// Throws std::invalid_argument with a message for the user on a bad command line.
CommandLine parse_command_line(const std::vector<std::string>& args);
const char* usage();

}  // namespace jemhead::sim
