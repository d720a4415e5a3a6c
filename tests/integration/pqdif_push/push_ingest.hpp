#pragma once
// The jemhead side of the push interop tests: a real jemhead watching one drop directory
// (meter 142300003 in its fleet), the files a meter would push, and the check that each
// arrived file was stored exactly once, intact, with its meter and source, and moved to
// processed/.
#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {

// "142300003_<1454408745 + i>_133724_07.pqd": the manual's naming, one second apart.
std::string meter_file_name(int i);
// tests/data/pqdif/secha-example.pqd with "#tag" appended, so every file differs.
std::string meter_file_bytes(const std::string& tag);

class PushIngest {
 public:
  // Starts jemhead with `drop` (which must exist) as a drop directory of `source`.
  PushIngest(std::filesystem::path drop, std::string source);

  Jemhead& jemhead() { return *jemhead_; }
  // The stored rows (GET /api/v1/pqdif) by file name.
  std::map<std::string, boost::json::object> rows() const;
  // Waits until `expected` are all stored and moved, then asserts (gtest) one row per file
  // with its sha256, size, meter and source, nothing else stored, and the moved bytes.
  void expect_stored_once(const std::map<std::string, std::string>& expected);

 private:
  TempDir dir_;
  std::filesystem::path drop_;
  std::string source_;
  std::unique_ptr<Jemhead> jemhead_;
};

}  // namespace jemhead::testing
