#include "core/pqdif/record_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/pqdif/compression.hpp"
#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {

std::uint32_t load_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// Headers may be longer than 64 bytes in principle (the size is stored); nobody writes
// that, so anything far beyond is damage rather than a future extension.
constexpr std::uint32_t kMaxHeaderSize = 4096;
// Bodies are read in slices so a header claiming a huge body costs memory only as far as
// the file really goes.
constexpr std::size_t kReadSlice = 1u << 20;

std::optional<std::uint32_t> scalar_u32(const Element& body, const Guid& tag) {
  const Element* e = body.find(tag);
  if (e == nullptr || e->type != ElementType::scalar) return std::nullopt;
  try {
    return static_cast<std::uint32_t>(e->values.integer());
  } catch (const PqdifError&) {
    return std::nullopt;
  }
}

}  // namespace

std::string_view to_text(ChecksumKind kind) {
  switch (kind) {
    case ChecksumKind::absent: return "absent";
    case ChecksumKind::adler32_stored: return "adler32-stored";
    case ChecksumKind::crc32_decompressed: return "crc32-decompressed";
    case ChecksumKind::mismatch: return "mismatch";
  }
  return "unknown";
}

RecordReader::RecordReader(std::istream& in, ReadLimits limits) : in_(in), limits_(limits) {
  const auto here = in_.tellg();
  origin_ = here == std::istream::pos_type(-1) ? 0 : static_cast<std::streamoff>(here);
}

std::optional<Record> RecordReader::next() {
  if (done_) return std::nullopt;
  try {
    Record record = read_record();
    ++records_read_;
    if (record.header.next_offset == 0)
      done_ = true;
    else
      next_offset_ = record.header.next_offset;
    return record;
  } catch (...) {
    done_ = true;
    throw;
  }
}

void RecordReader::fail(const std::string& what, std::uint64_t offset) {
  throw PqdifError(what, records_read_, offset);
}

void RecordReader::seek(std::uint64_t offset) {
  // Records normally follow each other: skip the seek then, since it would make the
  // stream drop and refill its buffer.
  if (position_ == offset && in_.good()) return;
  in_.clear();
  in_.seekg(origin_ + static_cast<std::streamoff>(offset));
  position_ = in_.good() ? std::optional<std::uint64_t>(offset) : std::nullopt;
}

RecordHeader RecordReader::read_header() {
  const std::uint64_t at = next_offset_;
  if (records_read_ >= limits_.max_records)
    fail("more than " + std::to_string(limits_.max_records) + " records", at);
  std::uint8_t raw[kRecordHeaderSize];
  seek(at);
  in_.read(reinterpret_cast<char*>(raw), sizeof raw);
  const auto got = static_cast<std::size_t>(in_.gcount());
  position_ = got == sizeof raw ? std::optional<std::uint64_t>(at + got) : std::nullopt;
  if (got != sizeof raw)
    fail("truncated record header: " + std::to_string(got) + " of 64 bytes", at);

  RecordHeader h;
  h.offset = at;
  std::memcpy(h.signature.bytes.data(), raw, 16);
  std::memcpy(h.tag.bytes.data(), raw + 16, 16);
  h.header_size = load_u32(raw + 32);
  h.body_size = load_u32(raw + 36);
  h.next_offset = load_u32(raw + 40);
  h.checksum = load_u32(raw + 44);
  if (h.signature != kRecordSignature) fail("not a PQDIF record (bad signature)", at);
  if (h.header_size < kRecordHeaderSize || h.header_size > kMaxHeaderSize)
    fail("implausible record header size " + std::to_string(h.header_size), at);
  if (h.body_size > limits_.max_record_body)
    fail("record body of " + std::to_string(h.body_size) + " bytes exceeds the limit of " +
             std::to_string(limits_.max_record_body),
         at);
  // Records only ever move forward, which also guarantees the reader ends.
  if (h.next_offset != 0 && h.next_offset <= at)
    fail("record link loops back (next record at " + std::to_string(h.next_offset) + ")", at);
  return h;
}

std::span<const std::uint8_t> RecordReader::read_stored_body(const RecordHeader& header) {
  seek(header.offset + header.header_size);
  // Read in slices, growing the buffer only as bytes really arrive: a header claiming a
  // huge body in a short file costs one slice, not the claimed size.
  for (std::size_t before = 0; before < header.body_size;) {
    const std::size_t want = std::min<std::size_t>(kReadSlice, header.body_size - before);
    if (stored_.size() < before + want) stored_.resize(before + want);
    in_.read(reinterpret_cast<char*>(stored_.data() + before), static_cast<std::streamsize>(want));
    const auto got = static_cast<std::size_t>(in_.gcount());
    position_ =
        got == want && position_ ? std::optional<std::uint64_t>(*position_ + got) : std::nullopt;
    if (got != want)
      fail("truncated record body: " + std::to_string(before + got) + " of " +
               std::to_string(header.body_size) + " bytes",
           header.offset);
    before += got;
  }
  return {stored_.data(), header.body_size};
}

Record RecordReader::read_record() {
  Record record;
  record.header = read_header();
  const RecordHeader& h = record.header;
  const bool first = records_read_ == 0;

  if (!first && style_ == CompressionStyle::total_file)
    fail("total-file compression (deprecated since PQDIF 1.5) is not supported", h.offset);
  if (!first && style_ == CompressionStyle::record_level &&
      algorithm_ != CompressionAlgorithm::zlib)
    fail("compression algorithm " + std::to_string(static_cast<std::uint32_t>(algorithm_)) +
             " is not supported (only zlib)",
         h.offset);

  const auto stored = read_stored_body(h);
  // The container is never compressed; everything after it is when it says so.
  record.compressed = !first && style_ == CompressionStyle::record_level;
  std::span<const std::uint8_t> raw = stored;
  if (record.compressed) {
    const std::size_t size = inflate_into(stored, limits_.max_inflated_body, inflated_,
                                          records_read_, h.offset + h.header_size);
    raw = {inflated_.data(), size};  // after inflating: the buffer may have moved
  }

  // A file keeps one convention: try the one the previous record matched first, so a
  // CRC-32 file does not pay for an Adler-32 of every body too.
  const auto matches = [&](ChecksumKind kind) {
    return kind == ChecksumKind::adler32_stored ? adler32_of(stored) == h.checksum
                                                : crc32_of(raw) == h.checksum;
  };
  const ChecksumKind first_try = convention_;
  const ChecksumKind second_try = first_try == ChecksumKind::adler32_stored
                                      ? ChecksumKind::crc32_decompressed
                                      : ChecksumKind::adler32_stored;
  if (h.checksum == 0)
    record.checksum = ChecksumKind::absent;
  else if (matches(first_try))
    record.checksum = first_try;
  else if (matches(second_try))
    record.checksum = convention_ = second_try;
  else
    record.checksum = ChecksumKind::mismatch;

  BodyOrigin origin;
  origin.record = records_read_;
  origin.record_offset = h.offset;
  origin.body_offset = h.offset + h.header_size;
  origin.inflated = record.compressed;
  record.body = decode_body(raw, limits_, origin);
  record.body.tag = h.tag;

  if (first && h.tag == kTagContainer) learn_compression(record);
  return record;
}

void RecordReader::learn_compression(const Record& container) {
  const auto style = scalar_u32(container.body, kTagCompressionStyleID).value_or(0);
  const auto algorithm = scalar_u32(container.body, kTagCompressionAlgorithmID).value_or(0);
  if (style > static_cast<std::uint32_t>(CompressionStyle::record_level))
    fail("unknown compression style " + std::to_string(style), container.header.offset);
  if (algorithm > static_cast<std::uint32_t>(CompressionAlgorithm::zlib) &&
      algorithm != static_cast<std::uint32_t>(CompressionAlgorithm::pkzip))
    fail("unknown compression algorithm " + std::to_string(algorithm), container.header.offset);
  style_ = static_cast<CompressionStyle>(style);
  algorithm_ = static_cast<CompressionAlgorithm>(algorithm);
  // "Compressed" with no algorithm means nothing is compressed.
  if (algorithm_ == CompressionAlgorithm::none) style_ = CompressionStyle::none;
}

}  // namespace jemhead::pqdif
