#pragma once
// The benchmarks' command lines: "--name N" options, each with its range, and "--name"
// switches. Anything else, a missing or non-numeric value, or a value out of range throws
// std::invalid_argument naming the option, so a typo never runs a benchmark with defaults.
#include <functional>
#include <string>
#include <vector>

namespace jemhead::bench {

class BenchFlags {
 public:
  // "--name N" with min <= N <= max sets `value` (converted to its type).
  template <class T>
  BenchFlags& number(std::string name, T& value, double min, double max) {
    options_.push_back(
        {std::move(name), min, max, true, [&value](double n) { value = static_cast<T>(n); }});
    return *this;
  }
  // "--name" alone sets `value` to `when_given`.
  BenchFlags& toggle(std::string name, bool& value, bool when_given) {
    options_.push_back(
        {std::move(name), 0, 0, false, [&value, when_given](double) { value = when_given; }});
    return *this;
  }
  void parse(int argc, char** argv) const;

 private:
  struct Option {
    std::string name;
    double min, max;
    bool takes_value;
    std::function<void(double)> set;
  };
  std::vector<Option> options_;
};

}  // namespace jemhead::bench
