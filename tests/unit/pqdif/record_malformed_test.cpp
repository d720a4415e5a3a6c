// Damaged and hostile files: every defect ends in a PqdifError naming the record and a
// file offset, never a crash, a hang or an unbounded allocation; and the reader stays
// finished afterwards.
#include <gtest/gtest.h>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "physical_test_support.hpp"

namespace jemhead::pqdif {
namespace {

using test::container_body;
using test::put_u32;
using test::RecordSpec;
using test::tag_n;
using test::u32_at;
using test::write_file;

struct Failure {
  std::size_t records_before = 0;  // records returned before the error
  std::optional<std::size_t> record;
  std::optional<std::uint64_t> offset;
  std::string what;
};

// Reads until the end or the first PqdifError; fails the test if there is none.
Failure read_until_error(const std::string& bytes, ReadLimits limits = {}) {
  std::istringstream in(bytes, std::ios::binary);
  RecordReader reader(in, limits);
  Failure f;
  try {
    while (reader.next()) ++f.records_before;
    ADD_FAILURE() << "no PqdifError";
  } catch (const PqdifError& e) {
    f.record = e.record();
    f.offset = e.offset();
    f.what = e.what();
    EXPECT_FALSE(reader.next().has_value()) << "the reader must stay finished";
  }
  return f;
}

bool mentions(const Failure& f, const std::string& text) {
  return f.what.find(text) != std::string::npos;
}

// Container + one observation holding `children`, uncompressed.
std::string two_records(std::vector<Element> children = {}) {
  return write_file({{kTagContainer, container_body(CompressionStyle::none)},
                     {kTagRecordObservation, Element::collection({}, std::move(children))}});
}

std::size_t second_record(const std::string& file) {
  return u32_at(file, 40);
}

TEST(PqdifPhysicalMalformed, EmptyInput) {
  const auto f = read_until_error("");
  EXPECT_EQ(f.record, 0u);
  EXPECT_EQ(f.offset, 0u);
  EXPECT_TRUE(mentions(f, "truncated record header")) << f.what;
}

TEST(PqdifPhysicalMalformed, TruncatedHeader) {
  const std::string file = two_records();
  const auto f = read_until_error(file.substr(0, second_record(file) + 40));
  EXPECT_EQ(f.records_before, 1u);
  EXPECT_EQ(f.record, 1u);
  EXPECT_EQ(f.offset, second_record(file));
  EXPECT_TRUE(mentions(f, "40 of 64")) << f.what;
}

TEST(PqdifPhysicalMalformed, TruncatedBody) {
  const std::string file = two_records({Element::vector(tag_n(1), Values::of_text("hello"))});
  const auto f = read_until_error(file.substr(0, file.size() - 3));
  EXPECT_EQ(f.record, 1u);
  EXPECT_EQ(f.offset, second_record(file));
  EXPECT_TRUE(mentions(f, "truncated record body")) << f.what;
}

TEST(PqdifPhysicalMalformed, BadSignature) {
  std::string file = two_records();
  file[second_record(file) + 3] ^= 0x01;
  const auto f = read_until_error(file);
  EXPECT_EQ(f.record, 1u);
  EXPECT_TRUE(mentions(f, "signature")) << f.what;
}

TEST(PqdifPhysicalMalformed, NextOffsetLoopingBack) {
  std::string file = two_records();
  const auto second = second_record(file);
  put_u32(file, second + 40, static_cast<std::uint32_t>(second));  // to itself
  auto f = read_until_error(file);
  EXPECT_EQ(f.record, 1u);
  EXPECT_EQ(f.offset, second);
  EXPECT_TRUE(mentions(f, "loops back")) << f.what;

  put_u32(file, second + 40, 10);  // into the container
  f = read_until_error(file);
  EXPECT_EQ(f.record, 1u);
  EXPECT_TRUE(mentions(f, "loops back")) << f.what;
}

TEST(PqdifPhysicalMalformed, NextOffsetPastTheEnd) {
  std::string file = two_records();
  put_u32(file, second_record(file) + 40, 0x7fff0000);
  const auto f = read_until_error(file);
  EXPECT_EQ(f.records_before, 2u);
  EXPECT_EQ(f.record, 2u);
  EXPECT_EQ(f.offset, 0x7fff0000u);
}

TEST(PqdifPhysicalMalformed, ImplausibleHeaderAndBodySizes) {
  std::string file = two_records();
  const auto second = second_record(file);
  std::string huge_header = file;
  put_u32(huge_header, second + 32, 0xffffffff);
  EXPECT_TRUE(mentions(read_until_error(huge_header), "header size"));
  std::string huge_body = file;
  put_u32(huge_body, second + 36, 0x7fffffff);
  const auto f = read_until_error(huge_body);
  EXPECT_EQ(f.record, 1u);
  EXPECT_TRUE(mentions(f, "exceeds the limit")) << f.what;
  // Within the limit but past the end of the file: truncated, without allocating it all.
  put_u32(huge_body, second + 36, 60u << 20);
  EXPECT_TRUE(mentions(read_until_error(huge_body), "truncated record body"));
}

// The body of the second record, as bytes to corrupt, and a way to put it back.
struct Patient {
  std::string file;
  std::size_t body_at;
};

Patient with_elements(std::vector<Element> children) {
  Patient p;
  p.file = two_records(std::move(children));
  p.body_at = second_record(p.file) + 64;
  return p;
}

// Element header i of the second record's top collection starts here in the file.
std::size_t header_at(const Patient& p, std::size_t i) {
  return p.body_at + 4 + 28 * i;
}

TEST(PqdifPhysicalMalformed, LinkOutsideTheBody) {
  auto p = with_elements({Element::vector(tag_n(1), Values::of_text("abc"))});
  put_u32(p.file, header_at(p, 0) + 20, 4000);
  auto f = read_until_error(p.file);
  EXPECT_EQ(f.record, 1u);
  EXPECT_EQ(f.offset, header_at(p, 0));  // the element's header, as a file offset
  EXPECT_TRUE(mentions(f, "outside")) << f.what;

  put_u32(p.file, header_at(p, 0) + 20, 32);
  put_u32(p.file, header_at(p, 0) + 24, 0x7ffffff0);  // size overflowing link + size
  f = read_until_error(p.file);
  EXPECT_TRUE(mentions(f, "outside")) << f.what;

  put_u32(p.file, header_at(p, 0) + 20, 0xfffffff0);  // negative link
  f = read_until_error(p.file);
  EXPECT_TRUE(mentions(f, "outside")) << f.what;
}

TEST(PqdifPhysicalMalformed, AbsurdCounts) {
  auto p = with_elements({Element::vector(tag_n(1), Values::of_real8(std::vector<double>{1, 2}))});
  std::string collection = p.file;
  put_u32(collection, p.body_at, 1000);
  auto f = read_until_error(collection);
  EXPECT_EQ(f.offset, p.body_at);
  EXPECT_TRUE(mentions(f, "overruns the body")) << f.what;
  put_u32(collection, p.body_at, 0x7fffffff);
  EXPECT_TRUE(mentions(read_until_error(collection), "exceeds the limit"));
  put_u32(collection, p.body_at, 0x80000000);
  EXPECT_TRUE(mentions(read_until_error(collection), "negative collection count"));

  const std::size_t vector_at = p.body_at + u32_at(p.file, header_at(p, 0) + 20);
  std::string vector = p.file;
  put_u32(vector, vector_at, 0x20000000);  // * 8 bytes overflows 32 bits
  f = read_until_error(vector);
  EXPECT_EQ(f.offset, vector_at);
  EXPECT_TRUE(mentions(f, "overruns")) << f.what;
  put_u32(vector, vector_at, 3);  // one more than the block holds
  EXPECT_TRUE(mentions(read_until_error(vector), "overruns"));
  put_u32(vector, vector_at, 0xffffffff);
  EXPECT_TRUE(mentions(read_until_error(vector), "negative vector count"));
}

TEST(PqdifPhysicalMalformed, UnknownTypes) {
  auto p = with_elements({Element::scalar(tag_n(1), Values::of_scalar_unsigned4(5))});
  std::string element = p.file;
  element[header_at(p, 0) + 16] = 9;
  auto f = read_until_error(element);
  EXPECT_EQ(f.offset, header_at(p, 0));
  EXPECT_TRUE(mentions(f, "unknown element type 9")) << f.what;

  std::string physical = p.file;
  physical[header_at(p, 0) + 17] = 33;
  f = read_until_error(physical);
  EXPECT_TRUE(mentions(f, "unknown physical type 33")) << f.what;

  // A 12-byte timestamp cannot sit in the 8-byte slot.
  std::string embedded = p.file;
  embedded[header_at(p, 0) + 17] = 50;
  EXPECT_TRUE(mentions(read_until_error(embedded), "embedded scalar"));

  // Nor can a collection.
  std::string collection = p.file;
  collection[header_at(p, 0) + 16] = 1;
  EXPECT_TRUE(mentions(read_until_error(collection), "cannot be embedded"));
}

TEST(PqdifPhysicalMalformed, LinkedScalarShorterThanItsType) {
  auto p = with_elements({Element::scalar(tag_n(1), Values::of_timestamp({1, 2.0}))});
  put_u32(p.file, header_at(p, 0) + 24, 8);
  EXPECT_TRUE(mentions(read_until_error(p.file), "scalar timestamp of 8 bytes"));
}

TEST(PqdifPhysicalMalformed, CollectionLinkingToItself) {
  auto p = with_elements({Element::collection(tag_n(1), {Element::collection(tag_n(2))})});
  const std::uint32_t inner = u32_at(p.file, header_at(p, 0) + 20);
  // The inner collection's only child now links back to the inner collection.
  put_u32(p.file, p.body_at + inner, 1);
  std::string file = p.file;
  const std::size_t child = p.body_at + inner + 4;
  put_u32(file, child + 20, inner);
  auto f = read_until_error(file);
  EXPECT_TRUE(mentions(f, "links back")) << f.what;
  // ... or to the top of the body.
  put_u32(file, child + 20, 0);
  f = read_until_error(file);
  EXPECT_TRUE(mentions(f, "links back")) << f.what;
}

Element nested(int depth) {
  Element e =
      Element::collection(tag_n(0), {Element::scalar(tag_n(1), Values::of_scalar_unsigned4(1))});
  for (int i = 0; i < depth; ++i) e = Element::collection(tag_n(2), {e});
  return e;
}

TEST(PqdifPhysicalMalformed, DeepNesting) {
  const std::string file = two_records({nested(40)});
  const auto f = read_until_error(file);
  EXPECT_EQ(f.record, 1u);
  EXPECT_TRUE(mentions(f, "deeper than 32")) << f.what;
  ReadLimits deep;
  deep.max_depth = 64;
  EXPECT_EQ(test::read_file(file, deep).size(), 2u);
  EXPECT_EQ(test::read_file(two_records({nested(31)})).size(), 2u);
}

TEST(PqdifPhysicalMalformed, SharedLinksCannotMultiplyMemory) {
  // 100 headers pointing at one 8 KB vector: 800 KB from a 10 KB body.
  std::vector<Element> many(
      100, Element::vector(tag_n(1), Values::of_real8(std::vector<double>(1024, 1.0))));
  std::string file = two_records(many);
  const std::size_t body_at = second_record(file) + 64;
  const std::uint32_t first_link = u32_at(file, body_at + 4 + 20);
  for (std::size_t i = 1; i < 100; ++i) put_u32(file, body_at + 4 + 28 * i + 20, first_link);
  ReadLimits limits;
  limits.max_value_bytes = 400'000;
  const auto f = read_until_error(file, limits);
  EXPECT_TRUE(mentions(f, "values exceed")) << f.what;
  EXPECT_EQ(test::read_file(file).size(), 2u);  // fine under the default limit

  ReadLimits few;
  few.max_body_elements = 50;
  EXPECT_TRUE(mentions(read_until_error(file, few), "more than 50 elements"));
  ReadLimits narrow;
  narrow.max_collection_elements = 99;
  EXPECT_TRUE(mentions(read_until_error(file, narrow), "exceeds the limit of 99"));
}

TEST(PqdifPhysicalMalformed, TooManyRecords) {
  const std::string file = two_records();
  ReadLimits one;
  one.max_records = 1;
  const auto f = read_until_error(file, one);
  EXPECT_EQ(f.records_before, 1u);
  EXPECT_TRUE(mentions(f, "more than 1 records")) << f.what;
}

std::string compressed_file() {
  WriteOptions options;
  options.style = CompressionStyle::record_level;
  return write_file(
      {{kTagContainer, container_body(CompressionStyle::record_level)},
       {kTagRecordObservation,
        Element::collection(
            {}, {Element::vector(tag_n(1), Values::of_real8(std::vector<double>(500, 2.5)))})}},
      options);
}

TEST(PqdifPhysicalMalformed, CorruptedZlib) {
  const std::string good = compressed_file();
  const auto second = second_record(good);
  std::string bad = good;
  bad[second + 64 + 2] ^= 0x5a;  // just after the zlib header
  auto f = read_until_error(bad);
  EXPECT_EQ(f.record, 1u);
  EXPECT_EQ(f.offset, second + 64);
  EXPECT_EQ(f.what.rfind("PQDIF: zlib: damaged compressed body", 0), 0u) << f.what;

  std::string header = good;
  header[second + 64] = 0x00;  // not a zlib stream
  EXPECT_TRUE(mentions(read_until_error(header), "zlib"));

  // Cut the stream short and say so in the header: truncated, not a hang.
  std::string cut = good.substr(0, good.size() - 10);
  put_u32(cut, second + 36, u32_at(cut, second + 36) - 10);
  f = read_until_error(cut);
  EXPECT_TRUE(mentions(f, "truncated")) << f.what;
}

TEST(PqdifPhysicalMalformed, InflatedSizeLimit) {
  ReadLimits small;
  small.max_inflated_body = 1000;  // the body inflates to 4 + 28 + 4 + 4000 bytes
  const auto f = read_until_error(compressed_file(), small);
  EXPECT_EQ(f.record, 1u);
  EXPECT_TRUE(mentions(f, "exceeds the limit of 1000")) << f.what;
}

TEST(PqdifPhysicalMalformed, TotalFileCompressionIsRefused) {
  const Element container = Element::collection(
      {}, {Element::scalar(kTagCompressionStyleID, Values::of_scalar_unsigned4(1)),
           Element::scalar(kTagCompressionAlgorithmID, Values::of_scalar_unsigned4(1))});
  // Written as plain records; the container's claim is what the reader goes by.
  std::string file = write_file(
      {{kTagContainer, Element::collection({})}, {kTagRecordObservation, Element::collection({})}});
  const auto encoded = encode_body(container);
  std::string patched(file.begin(), file.begin() + 64);
  put_u32(patched, 36, static_cast<std::uint32_t>(encoded.size()));
  put_u32(patched, 40, static_cast<std::uint32_t>(64 + encoded.size()));
  put_u32(patched, 44, 0);
  patched.append(encoded.begin(), encoded.end());
  patched.append(file.substr(second_record(file)));
  std::istringstream in(patched, std::ios::binary);
  RecordReader reader(in);
  ASSERT_TRUE(reader.next().has_value());
  EXPECT_EQ(reader.compression(), CompressionStyle::total_file);
  try {
    reader.next();
    FAIL() << "expected a PqdifError";
  } catch (const PqdifError& e) {
    EXPECT_NE(std::string(e.what()).find("not supported"), std::string::npos) << e.what();
    EXPECT_EQ(e.record(), 1u);
  }
}

TEST(PqdifPhysicalMalformed, ChecksumMismatchIsReportedNotFatal) {
  auto p = with_elements({Element::vector(tag_n(1), Values::of_real8(std::vector<double>{1, 2}))});
  // A value byte changes; the structure stays valid.
  p.file[p.file.size() - 1] ^= 0x01;
  const auto records = test::read_file(p.file);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].checksum_ok());
  EXPECT_EQ(records[1].checksum, ChecksumKind::mismatch);
  EXPECT_FALSE(records[1].checksum_ok());
  EXPECT_EQ(to_text(records[1].checksum), "mismatch");
}

TEST(PqdifPhysicalMalformed, DecodeBodyReportsInflatedPositionsInTheMessage) {
  std::vector<std::uint8_t> body(4, 0);
  put_u32(body, 0, 1);  // one element header promised, none there
  BodyOrigin origin;
  origin.record = 7;
  origin.record_offset = 1000;
  origin.body_offset = 1064;
  origin.inflated = true;
  try {
    decode_body(body, {}, origin);
    FAIL() << "expected a PqdifError";
  } catch (const PqdifError& e) {
    EXPECT_EQ(e.record(), 7u);
    EXPECT_EQ(e.offset(), 1000u);
    EXPECT_NE(std::string(e.what()).find("body byte 0 after inflating"), std::string::npos)
        << e.what();
  }
  origin.inflated = false;
  try {
    decode_body(body, {}, origin);
    FAIL() << "expected a PqdifError";
  } catch (const PqdifError& e) {
    EXPECT_EQ(e.offset(), 1064u);
  }
  EXPECT_THROW(decode_body({}), PqdifError);
}

}  // namespace
}  // namespace jemhead::pqdif
