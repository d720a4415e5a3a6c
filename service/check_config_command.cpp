#include <ostream>

#include "service/commands.hpp"
#include "service/config_loader.hpp"

namespace jemhead::service {

int run_check_config(CommandContext& context) {
  if (context.args.size() != 1 || context.args[0].starts_with("-")) {
    context.err << "usage: jemhead check-config FILE\n";
    return kExitUsage;
  }
  const LoadResult result = load_config_file(context.args[0]);
  if (result.ok()) {
    context.out << "OK\n";
    return kExitOk;
  }
  for (const auto& e : result.errors) context.err << e.to_string() << "\n";
  context.err << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors") << "\n";
  return kExitUsage;
}

}  // namespace jemhead::service
