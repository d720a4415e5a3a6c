// The content-addressed file store and the SHA-256 helper it keys objects with.
#include "storage/file_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/digest/sha256.hpp"
#include "storage/repository.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::storage {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// FIPS 180-2 test vectors.
constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string pseudo_random_bytes(std::size_t n) {
  std::string out(n, '\0');
  std::uint32_t x = 2463534242u;
  for (auto& c : out) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  return out;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::size_t entries_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

TEST(StoragePqdifSha256, MatchesTheStandardVectors) {
  EXPECT_EQ(digest::sha256_hex("abc"), kAbc);
  EXPECT_EQ(digest::sha256_hex(""), kEmpty);
  digest::Sha256 pieces;
  pieces.update("a");
  pieces.update("");
  pieces.update("bc");
  EXPECT_EQ(pieces.hex_digest(), kAbc);
}

TEST(StoragePqdifSha256, HashesAFileInChunks) {
  TempDir dir;
  const auto bytes = pseudo_random_bytes(3 * 1024 * 1024 + 17);  // several 64 KiB chunks
  write_file(dir.file("big.bin"), bytes);
  EXPECT_EQ(digest::sha256_hex_of_file(dir.file("big.bin")), digest::sha256_hex(bytes));
  EXPECT_THROW(digest::sha256_hex_of_file(dir.file("missing.bin")), std::runtime_error);
}

TEST(StoragePqdifSha256, RecognisesLowerCaseHexDigests) {
  EXPECT_TRUE(digest::is_sha256_hex(kAbc));
  EXPECT_FALSE(digest::is_sha256_hex(std::string(kAbc).substr(1)));
  std::string upper = kAbc;
  upper[0] = 'B';
  EXPECT_FALSE(digest::is_sha256_hex(upper));
  EXPECT_FALSE(digest::is_sha256_hex("../../../../etc/passwd"));
}

TEST(StoragePqdifFileStore, StoresBytesUnderTheirHashAndReadsThemBack) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  const auto put = store.put("abc");
  EXPECT_EQ(put.sha256, kAbc);
  EXPECT_EQ(put.size_bytes, 3);
  EXPECT_TRUE(put.created);
  const auto expected = fs::path(dir.file("pqdif")) / "objects" / "ba" / std::string(kAbc + 2);
  EXPECT_EQ(store.path_of(kAbc), expected);
  EXPECT_TRUE(fs::is_regular_file(expected));
  EXPECT_EQ(store.read(kAbc), "abc");
  EXPECT_EQ(store.size_of(kAbc), 3);
  EXPECT_EQ(entries_in(fs::path(dir.file("pqdif")) / "tmp"), 0u);  // no temporary left
}

TEST(StoragePqdifFileStore, PuttingTheSameContentAgainIsIdempotent) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  EXPECT_TRUE(store.put("same bytes").created);
  const auto again = store.put("same bytes");
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.sha256, digest::sha256_hex("same bytes"));
  // A second store over the same directory (a restart) finds it too.
  FileStore reopened(dir.file("pqdif"));
  EXPECT_FALSE(reopened.put("same bytes").created);
  EXPECT_EQ(reopened.read(digest::sha256_hex("same bytes")), "same bytes");
  EXPECT_EQ(entries_in(fs::path(dir.file("pqdif")) / "objects"), 1u);
}

TEST(StoragePqdifFileStore, EmptyContentIsAnObjectToo) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  const auto put = store.put("");
  EXPECT_EQ(put.sha256, kEmpty);
  EXPECT_EQ(put.size_bytes, 0);
  EXPECT_EQ(store.read(kEmpty), "");
}

TEST(StoragePqdifFileStore, StreamsALargeFileIntoTheStore) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  const auto bytes = pseudo_random_bytes(2 * 1024 * 1024 + 5);
  write_file(dir.file("incoming.pqd"), bytes);
  const auto put = store.put_file(dir.file("incoming.pqd"));
  EXPECT_TRUE(put.created);
  EXPECT_EQ(put.sha256, digest::sha256_hex(bytes));
  EXPECT_EQ(put.size_bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(store.read(put.sha256), bytes);
  EXPECT_TRUE(fs::exists(dir.file("incoming.pqd")));  // the source is left alone
  EXPECT_FALSE(store.put_file(dir.file("incoming.pqd")).created);
  EXPECT_FALSE(store.put(bytes).created);
  EXPECT_EQ(entries_in(fs::path(dir.file("pqdif")) / "tmp"), 0u);
  EXPECT_THROW(store.put_file(dir.file("missing.pqd")), StorageError);
}

TEST(StoragePqdifFileStore, ATruncatedObjectIsReplacedNotTrusted) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  const auto put = store.put("the whole recording");
  write_file(store.path_of(put.sha256), "the whole");  // a torn copy from elsewhere
  const auto again = store.put("the whole recording");
  EXPECT_TRUE(again.created);
  EXPECT_EQ(store.read(put.sha256), "the whole recording");
}

TEST(StoragePqdifFileStore, MissingObjectsAndBadKeys) {
  TempDir dir;
  FileStore store(dir.file("pqdif"));
  EXPECT_EQ(store.read(kAbc), std::nullopt);
  EXPECT_EQ(store.size_of(kAbc), std::nullopt);
  EXPECT_THROW(store.read("../../etc/passwd"), std::invalid_argument);
  EXPECT_THROW(store.path_of(std::string(64, 'A')), std::invalid_argument);
}

TEST(StoragePqdifFileStore, StaleTemporariesAreRemovedWhenTheStoreOpens) {
  TempDir dir;
  const fs::path root = dir.file("pqdif");
  { FileStore first(root); }
  write_file(root / "tmp" / "object-stale", "left by a crash");
  write_file(root / "tmp" / "object-fresh", "a put in progress");
  fs::last_write_time(root / "tmp" / "object-stale",
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  FileStore reopened(root);
  EXPECT_FALSE(fs::exists(root / "tmp" / "object-stale"));
  EXPECT_TRUE(fs::exists(root / "tmp" / "object-fresh"));
}

}  // namespace
}  // namespace jemhead::storage
