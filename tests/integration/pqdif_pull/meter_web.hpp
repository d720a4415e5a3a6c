#pragma once
// A meter's web server for the pull tests, on loopback with the project's HTTP server:
// directories of PQDIF files ("/pqdif" and any other path), each listed as an HTML
// directory index with sizes, files served by GET and removed by DELETE, all behind HTTP
// Basic for one user.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace jemhead::testing {

class MeterWeb {
 public:
  MeterWeb(std::string user, std::string password);
  ~MeterWeb();

  std::uint16_t port() const;
  void put(const std::string& dir, const std::string& name, const std::string& bytes);
  std::map<std::string, std::string> files(const std::string& dir) const;
  int deletes() const { return deletes_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> deletes_{0};
};

}  // namespace jemhead::testing
