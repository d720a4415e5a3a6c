#pragma once
// A record body <-> element tree. A body is a collection: int32 count, then `count`
// 28-byte element headers (tag GUID, element type u8, physical type u8, embedded flag u8,
// reserved u8, then 8 bytes holding either an embedded scalar's value or an int32 link --
// relative to the start of the body -- and an int32 size). A linked collection is
// another such block, a vector is an int32 count followed by its values, a linked scalar
// is just its value.
//
// Decoding treats every byte as hostile: each link, size and count is checked against
// the body and against ReadLimits before anything is allocated, so a damaged file costs
// a PqdifError, never a crash, a hang or an unbounded allocation.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/pqdif/element.hpp"

namespace jemhead::pqdif {

struct ReadLimits {
  std::size_t max_record_body = 64u << 20;     // bytes stored after a header
  std::size_t max_inflated_body = 256u << 20;  // bytes after inflating one body
  std::size_t max_records = 1'000'000;
  std::size_t max_depth = 32;  // collections within collections
  std::size_t max_collection_elements = 1'000'000;
  // Links may point several headers at the same block, so a small body can describe a
  // huge tree; these bound what one body may expand to.
  std::size_t max_body_elements = 4'000'000;
  std::size_t max_value_bytes = 512u << 20;
};

// Where a body came from, so errors name the record and a file offset.
struct BodyOrigin {
  std::size_t record = 0;           // 0-based record index
  std::uint64_t record_offset = 0;  // file offset of the record header
  std::uint64_t body_offset = kBodyAfterHeader;
  // An inflated body has no file positions of its own: errors then carry the record
  // header's offset and name the byte within the inflated body in the message.
  bool inflated = false;

  static constexpr std::uint64_t kBodyAfterHeader = 64;
};

// The body as a collection element (its tag left null: the record header carries it).
Element decode_body(std::span<const std::uint8_t> body, const ReadLimits& limits = {},
                    const BodyOrigin& origin = {});

// The standard layout: each collection's headers, then its children's data in order
// (depth first), every linked block 4-byte aligned; scalars of up to 8 bytes embedded.
// Throws PqdifError for a body that is not a collection, values whose byte count does
// not match their type and count, or a body over 2 GiB.
std::vector<std::uint8_t> encode_body(const Element& body);

}  // namespace jemhead::pqdif
