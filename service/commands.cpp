#include "service/commands.hpp"

#include <algorithm>
#include <ostream>

#include "service/version.hpp"

namespace jemhead::service {

namespace {

int run_version(CommandContext& context) {
  if (!context.args.empty()) {
    context.err << "jemhead version: takes no arguments\n";
    return kExitUsage;
  }
  context.out << "jemhead " << kVersion << "\n";
  return kExitOk;
}

int run_help(CommandContext& context) {
  print_usage(context.out);
  return kExitOk;
}

constexpr Command kCommands[] = {
    {"serve", "[--config FILE] [--ready-file PATH]",
     "run the daemon (defaults without --config: SQLite under ./var, API on 127.0.0.1:8080)",
     run_serve},
    {"check-config", "FILE", "validate a configuration file; prints OK or every error",
     run_check_config},
    {"hash-token", "[TOKEN]",
     "print the SHA-256 of an API token for the config (reads stdin without TOKEN)",
     run_hash_token},
    {"pqdif", "dump FILE [--json] [--max-values N]",
     "print a PQDIF file's records and values (any PQDIF file)", run_pqdif},
    {"version", "", "print the version", run_version},
    {"help", "", "show this help", run_help},
};

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

void print_usage(std::ostream& to) {
  to << "usage: jemhead COMMAND [ARGS]\n\ncommands:\n";
  std::size_t width = 0;
  for (const auto& c : kCommands) width = std::max(width, c.name.size() + 1 + c.usage.size());
  for (const auto& c : kCommands) {
    std::string head = std::string(c.name) + (c.usage.empty() ? "" : " ") + std::string(c.usage);
    head.resize(width, ' ');
    to << "  " << head << "  " << c.summary << "\n";
  }
  to << "\nexit codes: 0 ok, 1 failure, 2 bad usage or configuration\n";
}

int dispatch(int argc, const char* const* argv, std::istream& in, std::ostream& out,
             std::ostream& err) {
  if (argc < 2) {
    print_usage(err);
    return kExitUsage;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  for (const auto& c : kCommands) {
    if (c.name != name) continue;
    CommandContext context{{argv + 2, argv + argc}, in, out, err};
    return c.run(context);
  }
  err << "jemhead: unknown command '" << name << "'\n\n";
  print_usage(err);
  return kExitUsage;
}

}  // namespace jemhead::service
