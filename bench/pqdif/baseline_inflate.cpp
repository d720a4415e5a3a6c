#include "bench/pqdif/baseline_inflate.hpp"

#include <zlib.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace jemhead::bench {

namespace {

constexpr std::size_t kHeaderSize = 64;
constexpr std::size_t kBodySizeAt = 36;  // after the signature and tag GUIDs, header size
constexpr std::size_t kNextAt = 40;

std::uint32_t u32_at(std::span<const std::uint8_t> file, std::size_t at) {
  std::uint32_t v;
  std::memcpy(&v, file.data() + at, 4);
  return v;
}

// `out` only grows (never zero-filled again), so the baseline pays for inflating alone.
std::size_t inflate_body(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw std::runtime_error("baseline: inflateInit failed");
  z.next_in = const_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());
  std::size_t total = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() < total + 65536) out.resize(total + 65536 + out.size());
    z.next_out = out.data() + total;
    z.avail_out = static_cast<uInt>(out.size() - total);
    rc = inflate(&z, Z_NO_FLUSH);
    total = out.size() - z.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      throw std::runtime_error("baseline: a body does not inflate");
    }
  }
  inflateEnd(&z);
  return total;
}

}  // namespace

InflateTotals inflate_records(std::span<const std::uint8_t> file, bool compressed) {
  InflateTotals totals;
  thread_local std::vector<std::uint8_t> scratch;
  std::size_t at = 0;
  while (at + kHeaderSize <= file.size()) {
    const std::size_t body_size = u32_at(file, at + kBodySizeAt);
    const std::size_t next = u32_at(file, at + kNextAt);
    if (at + kHeaderSize + body_size > file.size())
      throw std::runtime_error("baseline: a record runs past the end of the file");
    const auto body = file.subspan(at + kHeaderSize, body_size);
    totals.body_bytes +=
        (compressed && totals.records > 0) ? inflate_body(body, scratch) : body.size();
    ++totals.records;
    if (next <= at) break;  // 0 ends the file
    at = next;
  }
  return totals;
}

}  // namespace jemhead::bench
