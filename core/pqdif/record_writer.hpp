#pragma once
// Writes PQDIF records: each body encoded in the standard layout (body_codec.hpp), the
// header linking it to the next record. The last record's link must be 0, which is only
// known once no record follows, so the writer holds one encoded record back and writes it
// when the next one arrives or on finish(); the output stream never needs to seek.
//
// With record-level compression every body after the first (the container) is zlib
// compressed, and the container must announce it (kTagCompressionStyleID = 2,
// kTagCompressionAlgorithmID = 1): the writer checks that, since readers decide from the
// container alone whether to inflate.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/pqdif/record.hpp"
#include "core/pqdif/record_tags.hpp"

namespace jemhead::pqdif {

// How the writer fills the header checksum (readers accept either; record.hpp).
enum class ChecksumConvention : std::uint8_t { none, adler32_stored, crc32_decompressed };

struct WriteOptions {
  CompressionStyle style = CompressionStyle::none;  // none or record_level
  ChecksumConvention checksum = ChecksumConvention::adler32_stored;
  int zlib_level = 6;
};

class RecordWriter {
 public:
  // Offsets in the file count from the stream's position now. Throws PqdifError for
  // total-file compression.
  explicit RecordWriter(std::ostream& out, WriteOptions options = {});
  // Writes any held-back record as the last one (errors are swallowed: call finish()).
  ~RecordWriter();
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  // Appends a record whose body is the collection `body` (its own tag is ignored).
  // Throws PqdifError for bodies that cannot be encoded, a first record announcing a
  // compression other than the writer's, writing after finish(), or a failed stream.
  void write(const Guid& record_tag, const Element& body);
  // Writes the held-back record with link 0 and flushes. Idempotent.
  void finish();

  std::size_t records_written() const { return records_; }
  // Bytes written so far (excluding the held-back record).
  std::uint64_t bytes_written() const { return position_; }

 private:
  void check_container(const Guid& record_tag, const Element& body) const;
  void flush_pending(std::uint32_t next_offset);

  std::ostream& out_;
  WriteOptions options_;
  std::uint64_t position_ = 0;
  std::size_t records_ = 0;
  bool finished_ = false;
  bool has_pending_ = false;
  std::uint8_t pending_header_[kRecordHeaderSize] = {};
  std::vector<std::uint8_t> pending_body_;
};

}  // namespace jemhead::pqdif
