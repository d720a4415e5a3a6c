#pragma once
// zlib for record-level compression (each body after the container is a zlib stream) and
// the two checksum functions instruments use for record headers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace jemhead::pqdif {

// Inflates one zlib stream. Throws PqdifError, carrying `record` and `offset`, when the
// stream is damaged, truncated, or would exceed `max_size` bytes.
std::vector<std::uint8_t> inflate_body(std::span<const std::uint8_t> stored, std::size_t max_size,
                                       std::optional<std::size_t> record = std::nullopt,
                                       std::optional<std::uint64_t> offset = std::nullopt);
// The same into `buffer`, whose size only grows (a reader reuses it record after record,
// so inflating costs no allocation or zero-filling once it is large enough). Returns the
// number of bytes inflated at its start.
std::size_t inflate_into(std::span<const std::uint8_t> stored, std::size_t max_size,
                         std::vector<std::uint8_t>& buffer,
                         std::optional<std::size_t> record = std::nullopt,
                         std::optional<std::uint64_t> offset = std::nullopt);
std::vector<std::uint8_t> deflate_body(std::span<const std::uint8_t> raw, int level = 6);

std::uint32_t adler32_of(std::span<const std::uint8_t> bytes);
std::uint32_t crc32_of(std::span<const std::uint8_t> bytes);

}  // namespace jemhead::pqdif
