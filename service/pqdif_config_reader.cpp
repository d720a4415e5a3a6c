#include "service/pqdif_config_reader.hpp"

#include <unistd.h>

#include <set>

namespace jemhead::service {

namespace fs = std::filesystem;

namespace {

// "'<path>' <problem>" (built by appending: GCC 12 misreports "literal" + string).
std::string about(const std::string& path, std::string_view problem) {
  std::string text = "'";
  text += YamlMap::shorten(path);
  text += "' ";
  text += problem;
  return text;
}

// The directory must be there and usable by this process now: found wrong at start-up, not
// at the first upload. Returns the problem, or empty.
std::string directory_problem(const fs::path& path, PqdifAfterIngest after) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return "does not exist";
  if (!fs::is_directory(status)) return "is not a directory";
  // move and delete change the directory; keep only reads it.
  const int needed = R_OK | X_OK | (after == PqdifAfterIngest::keep ? 0 : W_OK);
  if (::access(path.c_str(), needed) == 0) return {};
  if (after == PqdifAfterIngest::keep) return "is not readable by this user";
  std::string problem = "is not readable and writable by this user (after_ingest: ";
  problem += to_text(after);
  problem += ")";
  return problem;
}

void read_drop_directories(YamlMap& map, PqdifDropOptions& out) {
  std::set<fs::path> seen;
  for_each_item(
      map, "drop_directories", kMaxPqdifDropDirectories,
      [&](const YAML::Node& item, const NodePlace& at) {
        YamlMap d(item, at, map.errors());
        PqdifDropDirectory dir;
        std::string path;
        const bool has_path = d.read("path", path);
        d.read_enum("source", dir.source);
        d.read_enum("after_ingest", dir.after_ingest);
        d.reject_unknown_keys();
        if (!d.valid()) return;
        bool ok = true;
        if (dir.source != PqdifSource::scp && dir.source != PqdifSource::ftp) {
          d.error("source", "must be scp or ftp (how meters push files into this directory)");
          ok = false;
        }
        if (!has_path || path.empty()) {
          d.error("path", "is required: the directory meters push PQDIF files into");
          return;
        }
        dir.path = fs::path(path).lexically_normal();
        if (!dir.path.is_absolute()) {
          d.error("path", about(path, "is not an absolute path"));
          return;
        }
        if (auto problem = directory_problem(dir.path, dir.after_ingest); !problem.empty()) {
          d.error("path", about(path, problem));
          ok = false;
        }
        // The same directory twice (however spelled) would store every file twice over.
        std::error_code ec;
        auto canonical = fs::weakly_canonical(dir.path, ec);
        if (ec) canonical = dir.path;
        if (!seen.insert(canonical).second) {
          d.error("path", about(path, "is listed twice"));
          ok = false;
        }
        if (ok) out.directories.push_back(std::move(dir));
      });
}

}  // namespace

void read_pqdif(const YAML::Node& pqdif, const NodePlace& place, ConfigErrors& errors,
                PqdifConfig& out) {
  YamlMap map(pqdif, place, errors);
  read_drop_directories(map, out.drop);
  auto settle = static_cast<std::int64_t>(out.drop.settle.count());
  if (map.read("drop_settle_ms", settle, 0, 600'000))
    out.drop.settle = std::chrono::milliseconds(settle);
  map.reject_unknown_keys();
}

}  // namespace jemhead::service
