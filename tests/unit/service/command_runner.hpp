#pragma once
// Runs a `jemhead` subcommand in-process as the shell would: exit code, stdout, stderr.
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "service/commands.hpp"

namespace jemhead::service::testing {

struct Run {
  int code;
  std::string out, err;
};

inline Run run(std::initializer_list<std::string> args, const std::string& stdin_text = {}) {
  std::vector<std::string> owned{"jemhead"};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : owned) argv.push_back(a.c_str());
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = dispatch(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace jemhead::service::testing
