#include "core/pqdif/compression.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <string>

#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {

// zlib counts in uInt; feed it at most this much at a time.
constexpr std::size_t kChunk = 1u << 30;

}  // namespace

std::size_t inflate_into(std::span<const std::uint8_t> stored, std::size_t max_size,
                         std::vector<std::uint8_t>& out, std::optional<std::size_t> record,
                         std::optional<std::uint64_t> offset) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) throw PqdifError("zlib: cannot start inflating", record, offset);
  // Grow the output as zlib produces it instead of trusting any size from the file, so a
  // tiny stream claiming a huge body cannot allocate more than it really inflates to.
  const std::size_t first_size =
      std::min<std::size_t>(max_size, std::max<std::size_t>(stored.size() * 4, 4096));
  if (out.size() < first_size) out.resize(first_size);
  std::size_t in_pos = 0;
  std::size_t out_pos = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out_pos == out.size()) {
      if (out.size() >= max_size) {
        inflateEnd(&zs);
        throw PqdifError(
            "inflated body exceeds the limit of " + std::to_string(max_size) + " bytes", record,
            offset);
      }
      out.resize(std::min(max_size, out.size() * 2));
    }
    const std::size_t in_now = std::min(kChunk, stored.size() - in_pos);
    const std::size_t out_now = std::min(kChunk, out.size() - out_pos);
    zs.next_in = const_cast<Bytef*>(stored.data() + in_pos);
    zs.avail_in = static_cast<uInt>(in_now);
    zs.next_out = out.data() + out_pos;
    zs.avail_out = static_cast<uInt>(out_now);
    rc = inflate(&zs, Z_NO_FLUSH);
    in_pos += in_now - zs.avail_in;
    out_pos += out_now - zs.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && in_pos == stored.size() && zs.avail_out != 0) rc = Z_DATA_ERROR;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      std::string what = "zlib: damaged compressed body";
      if (zs.msg != nullptr) {
        what += " (";
        what += zs.msg;
        what += ")";
      }
      if (rc == Z_DATA_ERROR && in_pos == stored.size() && zs.msg == nullptr)
        what = "zlib: compressed body is truncated";
      inflateEnd(&zs);
      throw PqdifError(what, record, offset);
    }
  }
  inflateEnd(&zs);
  return out_pos;
}

std::vector<std::uint8_t> inflate_body(std::span<const std::uint8_t> stored, std::size_t max_size,
                                       std::optional<std::size_t> record,
                                       std::optional<std::uint64_t> offset) {
  std::vector<std::uint8_t> out;
  out.resize(inflate_into(stored, max_size, out, record, offset));
  return out;
}

std::vector<std::uint8_t> deflate_body(std::span<const std::uint8_t> raw, int level) {
  if (raw.size() > std::numeric_limits<uLong>::max() / 2)
    throw PqdifError("body too large to compress");
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<std::uint8_t> out(size);
  if (compress2(out.data(), &size, raw.data(), static_cast<uLong>(raw.size()), level) != Z_OK)
    throw PqdifError("zlib: cannot compress a record body");
  out.resize(size);
  return out;
}

std::uint32_t adler32_of(std::span<const std::uint8_t> bytes) {
  uLong sum = adler32(0L, Z_NULL, 0);
  for (std::size_t pos = 0; pos < bytes.size(); pos += kChunk)
    sum = adler32(sum, bytes.data() + pos, static_cast<uInt>(std::min(kChunk, bytes.size() - pos)));
  return static_cast<std::uint32_t>(sum);
}

std::uint32_t crc32_of(std::span<const std::uint8_t> bytes) {
  uLong sum = crc32(0L, Z_NULL, 0);
  for (std::size_t pos = 0; pos < bytes.size(); pos += kChunk)
    sum = crc32(sum, bytes.data() + pos, static_cast<uInt>(std::min(kChunk, bytes.size() - pos)));
  return static_cast<std::uint32_t>(sum);
}

}  // namespace jemhead::pqdif
