#pragma once
// What the PQDIF drop-directory watcher (pqdif_drop_watcher.hpp) is told by the
// configuration: the directories meters push files into (SCP or FTP) and what becomes of
// a file once it is stored.
#include <chrono>
#include <filesystem>
#include <vector>

#include "core/enum_text.hpp"
#include "core/pqdif_stored_file.hpp"

namespace jemhead::service {

// After a file is stored (object and row committed): moved to <directory>/processed/ (the
// default: the uploaded copy stays at hand and nothing is ever lost), deleted, or left in
// place (re-read, as a no-op, at every start).
enum class PqdifAfterIngest { move, remove, keep };

struct PqdifDropDirectory {
  std::filesystem::path path;             // absolute
  PqdifSource source = PqdifSource::scp;  // scp or ftp: how files arrive here
  PqdifAfterIngest after_ingest = PqdifAfterIngest::move;
};

struct PqdifDropOptions {
  std::vector<PqdifDropDirectory> directories;
  // At start, a file left in a directory whose writers the kernel will not tell (below) is
  // taken only when its size and time are the same this much later; one still growing
  // waits for its close event instead.
  std::chrono::milliseconds settle{1000};
  // At start, first ask the kernel whether an uploader still has a file open for writing
  // (a read lease: works when jemhead owns the files or has CAP_LEASE); false, or when the
  // kernel will not say, the settle interval decides. Tests switch it off to check that.
  bool probe_writers = true;
  // A file that could not be stored (database or disk error) is tried again after this.
  std::chrono::milliseconds retry_after{std::chrono::seconds(30)};
};

// The sub-directory `move` puts files in; the watcher never looks into sub-directories.
inline constexpr const char* kPqdifProcessedDirectory = "processed";

}  // namespace jemhead::service

namespace jemhead {

template <>
struct EnumText<service::PqdifAfterIngest> {
  static constexpr std::array<std::pair<service::PqdifAfterIngest, std::string_view>, 3> names{{
      {service::PqdifAfterIngest::move, "move"},
      {service::PqdifAfterIngest::remove, "delete"},
      {service::PqdifAfterIngest::keep, "keep"},
  }};
};

}  // namespace jemhead
