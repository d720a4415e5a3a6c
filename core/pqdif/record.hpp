#pragma once
// One PQDIF record as the physical layer sees it: the fixed 64-byte header that chains
// records together, and the body decoded into an element tree (element.hpp).
//
// Header layout (all little-endian): signature GUID (kRecordSignature), record type tag
// GUID, header size int32 (64), body size int32 (as stored, i.e. compressed when the file
// uses record-level compression), absolute file offset of the next record int32 (0 on the
// last record), checksum uint32 (0 = none), 16 reserved bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/pqdif/element.hpp"
#include "core/pqdif/guid.hpp"

namespace jemhead::pqdif {

inline constexpr std::size_t kRecordHeaderSize = 64;

// Which convention a record's checksum follows. Instruments disagree: some sum the body
// bytes as stored with Adler-32, others take CRC-32 of the decompressed body.
enum class ChecksumKind : std::uint8_t {
  absent,              // stored as 0
  adler32_stored,      // Adler-32 of the body bytes as stored
  crc32_decompressed,  // CRC-32 of the body after inflating it
  mismatch,            // neither: the body is damaged (the record is still returned)
};
std::string_view to_text(ChecksumKind kind);

struct RecordHeader {
  Guid signature;
  Guid tag;  // kTagContainer, kTagRecordDataSource, ... (record_tags.hpp)
  std::uint32_t header_size = kRecordHeaderSize;
  std::uint32_t body_size = 0;  // bytes stored after the header
  std::uint32_t next_offset = 0;
  std::uint32_t checksum = 0;
  std::uint64_t offset = 0;  // where this header starts in the file (not stored)

  friend bool operator==(const RecordHeader&, const RecordHeader&) = default;
};

struct Record {
  RecordHeader header;
  bool compressed = false;  // the stored body was zlib-inflated
  ChecksumKind checksum = ChecksumKind::absent;
  Element body;  // a collection whose tag is header.tag

  bool checksum_ok() const { return checksum != ChecksumKind::mismatch; }
};

}  // namespace jemhead::pqdif
