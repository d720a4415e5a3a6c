#pragma once
// The `jemhead` command line: one table of subcommands (name, usage, summary, function).
// Adding a subcommand is one row here and one function; dispatch and help follow from it.
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::service {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // could not do it (port in use, database error...)
inline constexpr int kExitUsage = 2;    // bad command line or bad configuration

struct CommandContext {
  std::vector<std::string> args;  // after the subcommand name
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string_view name;
  std::string_view usage;  // arguments, e.g. "[--config FILE] [--ready-file PATH]"
  std::string_view summary;
  int (*run)(CommandContext& context);
};

std::span<const Command> commands();

// Runs argv[1] with the rest of argv; unknown or missing subcommand -> usage on `err`, 2.
int dispatch(int argc, const char* const* argv, std::istream& in, std::ostream& out,
             std::ostream& err);

void print_usage(std::ostream& to);

// The subcommands, each in its own file.
int run_serve(CommandContext& context);         // serve_command.cpp
int run_check_config(CommandContext& context);  // check_config_command.cpp
int run_hash_token(CommandContext& context);    // hash_token_command.cpp
int run_pqdif(CommandContext& context);         // pqdif_dump_command.cpp

}  // namespace jemhead::service
