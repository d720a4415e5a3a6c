#include "storage/file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/digest/sha256.hpp"
#include "storage/repository.hpp"

namespace jemhead::storage {

namespace fs = std::filesystem;

namespace {

// A temporary this old cannot belong to a put still running: it is left over from a crash.
constexpr auto kStaleTemporary = std::chrono::hours(1);
constexpr std::size_t kChunk = 64 * 1024;

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error = errno) {
  std::string message = what;
  message += " ";
  message += path.string();
  message += ": ";
  message += std::strerror(error);
  throw FileStoreError(message);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // close() reports deferred write errors (NFS), so it is checked on the write path.
  void close_checked(const fs::path& path) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot close", path);
  }

 private:
  int fd_;
};

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void fsync_or_fail(int fd, const fs::path& path) {
  if (::fsync(fd) != 0) fail("cannot fsync", path);
}

// A rename or a new directory entry is only durable once its directory is synced.
void fsync_directory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail("cannot open directory", dir);
  fsync_or_fail(fd.get(), dir);
}

void create_directory_durably(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0)
    fsync_directory(dir.parent_path());
  else if (errno != EEXIST)
    fail("cannot create directory", dir);
}

// A new, empty temporary file under <root>/tmp (mkstemp: a unique name, O_EXCL).
std::pair<int, fs::path> open_temporary(const fs::path& root) {
  std::string pattern = (root / "tmp" / "object-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail("cannot create a temporary file in", root / "tmp");
  return {fd, fs::path(pattern)};
}

void remove_stale_temporaries(const fs::path& tmp) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(tmp, ec)) {
    const auto written = entry.last_write_time(ec);
    if (!ec && now - written > kStaleTemporary) fs::remove(entry.path(), ec);
  }
}

}  // namespace

FileStore::FileStore(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) fail("cannot create the file store", root_, ec.value());
  create_directory_durably(root_ / "objects");
  create_directory_durably(root_ / "tmp");
  remove_stale_temporaries(root_ / "tmp");
}

fs::path FileStore::path_of(std::string_view sha256) const {
  if (!digest::is_sha256_hex(sha256))
    throw std::invalid_argument("not a SHA-256 in lower-case hex: " +
                                std::string(sha256.substr(0, 80)));
  return root_ / "objects" / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2));
}

std::optional<std::int64_t> FileStore::size_of(std::string_view sha256) const {
  struct stat st {};
  if (::stat(path_of(sha256).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::int64_t>(st.st_size);
}

std::optional<std::string> FileStore::read(std::string_view sha256) const {
  const auto path = path_of(sha256);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    fail("cannot open", path);
  }
  std::string bytes;
  std::array<char, kChunk> chunk{};
  for (;;) {
    const auto n = ::read(fd.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read", path);
    if (n == 0) break;
    bytes.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

StoredObject FileStore::put(std::string_view bytes) {
  auto sha256 = digest::sha256_hex(bytes);
  const auto size = static_cast<std::int64_t>(bytes.size());
  if (size_of(sha256) == size) return {std::move(sha256), size, false};
  auto [raw_fd, temporary] = open_temporary(root_);
  Fd fd(raw_fd);
  try {
    write_all(fd.get(), bytes, temporary);
    fsync_or_fail(fd.get(), temporary);
    fd.close_checked(temporary);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  return commit(temporary, std::move(sha256), size);
}

StoredObject FileStore::put_file(const fs::path& source) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) fail("cannot open", source);
  auto [raw_fd, temporary] = open_temporary(root_);
  Fd out(raw_fd);
  digest::Sha256 hasher;
  std::int64_t size = 0;
  try {
    std::array<char, kChunk> chunk{};
    for (;;) {
      const auto n = ::read(in.get(), chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("cannot read", source);
      if (n == 0) break;
      const std::string_view piece(chunk.data(), static_cast<std::size_t>(n));
      hasher.update(piece);
      write_all(out.get(), piece, temporary);
      size += n;
    }
    fsync_or_fail(out.get(), temporary);
    out.close_checked(temporary);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  return commit(temporary, hasher.hex_digest(), size);
}

StoredObject FileStore::commit(const fs::path& temporary, std::string sha256, std::int64_t size) {
  const auto target = path_of(sha256);
  try {
    if (size_of(sha256) == size) {
      fs::remove(temporary);
      return {std::move(sha256), size, false};
    }
    create_directory_durably(target.parent_path());
    if (::rename(temporary.c_str(), target.c_str()) != 0) fail("cannot rename into", target);
    fsync_directory(target.parent_path());
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  return {std::move(sha256), size, true};
}

}  // namespace jemhead::storage
