#include "sim/command_line.hpp"

#include <charconv>
#include <stdexcept>

#include "sim/fleet_file.hpp"

namespace jemhead::sim {

namespace {
template <typename T>
T number(const std::string& option, const std::string& text) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument(option + " needs a number, got '" + text + "'");
  return v;
}
}  // namespace

const char* usage() {
  return "usage: jemsim --fleet FILE [--ready-file PATH]\n"
         "       jemsim --meters N [--seed S] [--time-factor F] [--listen ADDR:PORT]\n"
         "              [--ready-file PATH]\n"
         "Simulates a fleet of JEMStar II meters; see docs/simulator.md.\n";
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine cl;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      cl.help = true;
    } else if (a == "--fleet") {
      cl.fleet_file = value();
    } else if (a == "--ready-file") {
      cl.ready_file = value();
    } else if (a == "--meters") {
      const auto n = number<std::size_t>(a, value());
      if (n > kMaxMeters)
        throw std::invalid_argument("--meters must be at most " + std::to_string(kMaxMeters));
      cl.meters = n;
    } else if (a == "--seed") {
      cl.seed = number<std::uint64_t>(a, value());
    } else if (a == "--time-factor") {
      const double f = number<double>(a, value());
      if (!(f >= 0 && f <= 1e6)) throw std::invalid_argument("--time-factor must be 0 to 1000000");
      cl.time_factor = f;
    } else if (a == "--listen") {
      cl.listen = value();
    } else {
      throw std::invalid_argument("unknown argument '" + a + "'");
    }
  }
  if (cl.help) return cl;
  if (cl.fleet_file.empty() == !cl.meters.has_value())
    throw std::invalid_argument("give either --fleet FILE or --meters N");
  if (!cl.fleet_file.empty() && (cl.seed || cl.time_factor || cl.listen))
    throw std::invalid_argument(
        "--seed, --time-factor and --listen go in the fleet file with --fleet");
  return cl;
}

}  // namespace jemhead::sim
