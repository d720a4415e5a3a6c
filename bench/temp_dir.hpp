#pragma once
// A scratch directory for one benchmark run, removed with its contents afterwards.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace jemhead::bench {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "jemhead-bench") {
    std::string pattern = std::filesystem::temp_directory_path() / (prefix + "-XXXXXX");
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const char* name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace jemhead::bench
