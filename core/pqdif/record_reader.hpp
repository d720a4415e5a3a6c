#pragma once
// Reads a PQDIF file one record at a time by following each header's link to the next
// record. Only the current record is ever in memory (its stored body, the inflated body
// when compressed, and the decoded tree), so files of any length stream in bounded
// memory; the stream must be seekable because links may skip bytes.
//
// The container record (always first) says whether the records after it are
// zlib-compressed one by one (record-level compression); the reader inflates them.
// Total-file compression, deprecated since PQDIF 1.5, is refused with a PqdifError.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <span>
#include <vector>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/record.hpp"
#include "core/pqdif/record_tags.hpp"

namespace jemhead::pqdif {

class RecordReader {
 public:
  // Offsets in the file count from the stream's position now (normally its start).
  explicit RecordReader(std::istream& in, ReadLimits limits = {});

  // The next record, or nullopt after the last one (the record whose link is 0). Throws
  // PqdifError, naming the record index and a file offset, for anything malformed; the
  // reader is then finished. A checksum mismatch is not an error: see Record::checksum.
  std::optional<Record> next();

  std::size_t records_read() const { return records_read_; }
  // As announced by the container record (none until it has been read).
  CompressionStyle compression() const { return style_; }
  CompressionAlgorithm algorithm() const { return algorithm_; }

 private:
  Record read_record();
  RecordHeader read_header();
  // Into stored_ (reused record after record, like inflated_); returns its first bytes.
  std::span<const std::uint8_t> read_stored_body(const RecordHeader& header);
  void learn_compression(const Record& container);
  void seek(std::uint64_t offset);
  [[noreturn]] void fail(const std::string& what, std::uint64_t offset);

  std::istream& in_;
  ReadLimits limits_;
  std::streamoff origin_ = 0;
  std::uint64_t next_offset_ = 0;
  std::optional<std::uint64_t> position_;  // where the stream is, when known
  bool done_ = false;
  std::size_t records_read_ = 0;
  CompressionStyle style_ = CompressionStyle::none;
  CompressionAlgorithm algorithm_ = CompressionAlgorithm::none;
  ChecksumKind convention_ = ChecksumKind::adler32_stored;  // the last one that matched
  // Sizes only grow (up to the limits): no allocation or zero-filling per record.
  std::vector<std::uint8_t> stored_;
  std::vector<std::uint8_t> inflated_;
};

}  // namespace jemhead::pqdif
