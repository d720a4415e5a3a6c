#pragma once
// SHA-256 through OpenSSL's EVP interface, as lower-case hex: API token digests and the
// keys of content-addressed files. Files are hashed in chunks, so a large one is never
// held in memory.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace jemhead::digest {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything given to update(); the hasher is then spent.
  std::string hex_digest();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

std::string sha256_hex(std::string_view bytes);
// Throws std::runtime_error naming the file when it cannot be read.
std::string sha256_hex_of_file(const std::filesystem::path& path);
// 64 lower-case hex digits (what sha256_hex returns).
bool is_sha256_hex(std::string_view text);

}  // namespace jemhead::digest
