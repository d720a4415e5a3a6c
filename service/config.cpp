#include "service/config.hpp"

namespace jemhead::service {

std::string Config::sqlite_path() const {
  const std::string& p = storage.sqlite.path;
  // SQLite's in-memory database is not a file and must reach open_sqlite unchanged.
  if (p == ":memory:") return p;
  const std::filesystem::path path(p);
  return path.is_absolute() ? p : (data_dir / path).string();
}

std::filesystem::path Config::log_file_path() const {
  if (logging.file.empty()) return {};
  const std::filesystem::path path(logging.file);
  return path.is_absolute() ? path : data_dir / path;
}

}  // namespace jemhead::service
