#pragma once
// Content-addressed files on disk: an object is stored once under its SHA-256,
// <root>/objects/ab/cdef... (the first two hex digits as a directory, so no directory
// holds more than 1/256 of the files). The PQDIF store's root is <data_dir>/pqdif.
//
// A put is durable before it returns: the bytes go to a temporary file under <root>/tmp
// (same file system, so the rename is atomic), which is fsynced, renamed into place, and
// the object's directory is fsynced. A crash leaves either no object or the whole object,
// never a torn one; only a stray temporary, removed the next time the store opens.
// Putting content that is already stored is idempotent (the existing object is kept when
// its size matches, and replaced otherwise: a truncated object must not survive).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "storage/repository.hpp"

namespace jemhead::storage {

// The disk under the store failed (full, read-only, permissions): a StorageError, so every
// caller that handles storage failures handles it, but one the API can name as the file
// store rather than the database.
struct FileStoreError : StorageError {
  using StorageError::StorageError;
};

struct StoredObject {
  std::string sha256;  // lower-case hex
  std::int64_t size_bytes = 0;
  bool created = false;  // false: the object was already there
};

class FileStore {
 public:
  // Creates <root>/objects and <root>/tmp when missing. Throws FileStoreError when it cannot.
  explicit FileStore(std::filesystem::path root);

  StoredObject put(std::string_view bytes);
  // Streams `source` into the store (hashing while copying): a large file is never held in
  // memory. The source is left where it is.
  StoredObject put_file(const std::filesystem::path& source);

  // Where an object lives (whether or not it exists). std::invalid_argument when `sha256`
  // is not 64 lower-case hex digits, so no caller can address a path outside the store.
  std::filesystem::path path_of(std::string_view sha256) const;
  // The object's size, or nullopt when it is not stored.
  std::optional<std::int64_t> size_of(std::string_view sha256) const;
  // The object's bytes, or nullopt when it is not stored.
  std::optional<std::string> read(std::string_view sha256) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  StoredObject commit(const std::filesystem::path& temporary, std::string sha256,
                      std::int64_t size);

  std::filesystem::path root_;
};

}  // namespace jemhead::storage
