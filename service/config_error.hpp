#pragma once
// One problem found in a configuration file, located precisely enough that the author can
// jump to it: "jemhead.yaml:14: api.tokens[0].role: must be one of viewer, operator, admin".
#include <string>
#include <vector>

namespace jemhead::service {

struct ConfigError {
  std::string file;     // as the user named it
  int line = 0;         // 1-based; 0 when the problem has no position (e.g. unreadable file)
  std::string key;      // dotted path with list indices, e.g. "fleet.meters[2].serial"
  std::string message;  // what is wrong and what is allowed

  // "file:line: key: message", leaving out the parts that are empty.
  std::string to_string() const;
};

// Collects every problem of one file so the author can fix them in a single pass.
class ConfigErrors {
 public:
  explicit ConfigErrors(std::string file) : file_(std::move(file)) {}

  void add(int line, std::string key, std::string message) {
    errors_.push_back({file_, line, std::move(key), std::move(message)});
  }
  const std::string& file() const { return file_; }
  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  const std::vector<ConfigError>& list() const { return errors_; }
  std::vector<ConfigError> take() { return std::move(errors_); }

 private:
  std::string file_;
  std::vector<ConfigError> errors_;
};

}  // namespace jemhead::service
