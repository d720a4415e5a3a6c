#pragma once
// Runs a command-line client (scp, sftp, ssh, curl) to completion: the meters' side of the
// push interop tests.
#include <chrono>
#include <string>
#include <vector>

namespace jemhead::testing {

struct ToolResult {
  int code = -1;       // exit code (128 + signal), or -1 if it had to be killed
  std::string output;  // stdout and stderr
};

ToolResult run_tool(const std::vector<std::string>& argv,
                    std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace jemhead::testing
