#include "tests/integration/pqdif_push/run_tool.hpp"

#include <csignal>

#include "tests/integration/support/process.hpp"

namespace jemhead::testing {

ToolResult run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  TempDir dir;
  Process p(argv, dir.file("output.log"));
  ToolResult result;
  if (const auto code = p.wait(timeout)) {
    result.code = *code;
  } else {
    p.signal(SIGKILL);
    p.wait(std::chrono::seconds(5));
  }
  result.output = p.log();
  return result;
}

}  // namespace jemhead::testing
