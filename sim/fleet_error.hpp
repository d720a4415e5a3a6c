#pragma once
// A fleet file error that names the file, the 1-based line and the key path, e.g.
// "fleet.yaml:7: meters.list[1].nominal_voltag: unknown key".
#include <stdexcept>
#include <string>

namespace jemhead::sim {

class FleetError : public std::runtime_error {
 public:
  FleetError(std::string file, int line, std::string key, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " +
                           (key.empty() ? std::string{} : key + ": ") + message),
        file_(std::move(file)),
        line_(line),
        key_(std::move(key)) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& key() const { return key_; }

 private:
  std::string file_;
  int line_;
  std::string key_;
};

}  // namespace jemhead::sim
