#include "bench/flags.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace jemhead::bench {

namespace {

std::string range_text(double min, double max) {
  auto text = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  std::string range = "[";
  range += text(min);
  range += ", ";
  range += text(max);
  range += ']';
  return range;
}

}  // namespace

void BenchFlags::parse(int argc, char** argv) const {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto option = std::find_if(options_.begin(), options_.end(),
                                     [&](const Option& o) { return o.name == flag; });
    if (option == options_.end()) throw std::invalid_argument("unknown option " + flag);
    if (!option->takes_value) {
      option->set(0);
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const std::string text = argv[++i];
    char* end = nullptr;
    const double n = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') {
      std::string message = flag;
      message += ": not a number: ";
      message += text;
      throw std::invalid_argument(message);
    }
    if (!(n >= option->min && n <= option->max)) {
      std::string message = flag;
      message += " must be in ";
      message += range_text(option->min, option->max);
      throw std::invalid_argument(message);
    }
    option->set(n);
  }
}

}  // namespace jemhead::bench
