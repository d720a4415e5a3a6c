#include <spdlog/spdlog.h>

#include <ostream>

#include "service/commands.hpp"
#include "service/config_loader.hpp"
#include "service/daemon.hpp"
#include "service/logging.hpp"

namespace jemhead::service {

namespace {

struct ServeArgs {
  std::string config_file;
  std::string ready_file;
};

// Accepts "--name VALUE" and "--name=VALUE"; returns false (after explaining) otherwise.
bool parse_serve_args(const std::vector<std::string>& args, ServeArgs& out, std::ostream& err) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i], value;
    bool has_value = false;
    if (auto eq = name.find('='); name.starts_with("--") && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    std::string* target = name == "--config"       ? &out.config_file
                          : name == "--ready-file" ? &out.ready_file
                                                   : nullptr;
    if (!target) {
      err << "jemhead serve: unknown argument '" << args[i] << "'\n";
      return false;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        err << "jemhead serve: " << name << " needs a value\n";
        return false;
      }
      value = args[++i];
    }
    if (value.empty()) {
      err << "jemhead serve: " << name << " needs a non-empty value\n";
      return false;
    }
    *target = value;
  }
  return true;
}

}  // namespace

int run_serve(CommandContext& context) {
  ServeArgs args;
  if (!parse_serve_args(context.args, args, context.err)) {
    context.err << "usage: jemhead serve [--config FILE] [--ready-file PATH]\n";
    return kExitUsage;
  }
  LoadResult loaded;
  if (!args.config_file.empty()) {
    loaded = load_config_file(args.config_file);
    if (!loaded.ok()) {
      for (const auto& e : loaded.errors) context.err << e.to_string() << "\n";
      context.err << "jemhead serve: not starting, the configuration has " << loaded.errors.size()
                  << (loaded.errors.size() == 1 ? " error" : " errors") << "\n";
      return kExitUsage;
    }
  }
  Config config = std::move(loaded.config);
  if (!args.ready_file.empty()) config.ready_file = args.ready_file;

  try {
    setup_logging(config.logging, config.log_file_path());
  } catch (const std::exception& e) {
    context.err << "jemhead serve: cannot open the log: " << e.what() << "\n";
    return kExitFailure;
  }
  auto log = component_logger("service");
  int status = kExitOk;
  try {
    Daemon daemon(std::move(config));
    daemon.start();
    daemon.run_until_stopped();
  } catch (const std::exception& e) {
    log->critical("cannot run: {}", e.what());
    status = kExitFailure;
  }
  shutdown_logging();
  return status;
}

}  // namespace jemhead::service
