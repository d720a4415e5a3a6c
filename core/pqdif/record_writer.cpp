#include "core/pqdif/record_writer.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/compression.hpp"
#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {

void store_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Offsets are int32 in the header: a file stops at 2 GiB.
constexpr std::uint64_t kMaxFileSize = std::numeric_limits<std::int32_t>::max();

std::uint32_t announced(const Element& body, const Guid& tag) {
  const Element* e = body.find(tag);
  if (e == nullptr) return 0;
  if (e->type != ElementType::scalar)
    throw PqdifError("container " + tag.to_string() + " is not a scalar");
  return static_cast<std::uint32_t>(e->values.integer());
}

}  // namespace

RecordWriter::RecordWriter(std::ostream& out, WriteOptions options) : out_(out), options_(options) {
  if (options_.style == CompressionStyle::total_file)
    throw PqdifError("total-file compression (deprecated since PQDIF 1.5) is not supported");
}

RecordWriter::~RecordWriter() {
  try {
    finish();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void RecordWriter::check_container(const Guid& record_tag, const Element& body) const {
  if (record_tag != kTagContainer) {
    if (options_.style != CompressionStyle::none)
      throw PqdifError("a compressed file must start with the container record", records_);
    return;
  }
  const auto style = announced(body, kTagCompressionStyleID);
  const auto algorithm = announced(body, kTagCompressionAlgorithmID);
  const bool says_compressed =
      style == static_cast<std::uint32_t>(CompressionStyle::record_level) &&
      algorithm == static_cast<std::uint32_t>(CompressionAlgorithm::zlib);
  const bool says_plain = style == 0 || algorithm == 0;
  if (options_.style == CompressionStyle::record_level ? !says_compressed : !says_plain)
    throw PqdifError("the container's compression style " + std::to_string(style) +
                         " / algorithm " + std::to_string(algorithm) +
                         " does not match the writer's",
                     records_);
}

void RecordWriter::write(const Guid& record_tag, const Element& body) {
  if (finished_) throw PqdifError("record written after finish()", records_);
  if (records_ == 0) check_container(record_tag, body);

  std::vector<std::uint8_t> raw = encode_body(body);
  const bool compress = records_ > 0 && options_.style == CompressionStyle::record_level;
  std::vector<std::uint8_t> stored = compress ? deflate_body(raw, options_.zlib_level) : raw;

  std::uint32_t checksum = 0;
  switch (options_.checksum) {
    case ChecksumConvention::none: break;
    case ChecksumConvention::adler32_stored: checksum = adler32_of(stored); break;
    case ChecksumConvention::crc32_decompressed: checksum = crc32_of(raw); break;
  }
  raw.clear();
  raw.shrink_to_fit();

  // This record's offset is known now, so the held-back one can link to it.
  const std::uint64_t here =
      position_ + (has_pending_ ? kRecordHeaderSize + pending_body_.size() : 0);
  if (here + kRecordHeaderSize + stored.size() > kMaxFileSize)
    throw PqdifError("file would exceed 2 GiB", records_, here);
  if (has_pending_) flush_pending(static_cast<std::uint32_t>(here));

  std::memset(pending_header_, 0, sizeof pending_header_);
  std::memcpy(pending_header_, kRecordSignature.bytes.data(), 16);
  std::memcpy(pending_header_ + 16, record_tag.bytes.data(), 16);
  store_u32(pending_header_ + 32, kRecordHeaderSize);
  store_u32(pending_header_ + 36, static_cast<std::uint32_t>(stored.size()));
  store_u32(pending_header_ + 44, checksum);
  pending_body_ = std::move(stored);
  has_pending_ = true;
  ++records_;
}

void RecordWriter::flush_pending(std::uint32_t next_offset) {
  store_u32(pending_header_ + 40, next_offset);
  out_.write(reinterpret_cast<const char*>(pending_header_), kRecordHeaderSize);
  out_.write(reinterpret_cast<const char*>(pending_body_.data()),
             static_cast<std::streamsize>(pending_body_.size()));
  if (!out_) throw PqdifError("cannot write record", records_ - 1, position_);
  position_ += kRecordHeaderSize + pending_body_.size();
  has_pending_ = false;
  pending_body_.clear();
}

void RecordWriter::finish() {
  if (finished_) return;
  finished_ = true;
  if (has_pending_) flush_pending(0);
  out_.flush();
  if (!out_) throw PqdifError("cannot write record", records_ == 0 ? 0 : records_ - 1, position_);
}

}  // namespace jemhead::pqdif
