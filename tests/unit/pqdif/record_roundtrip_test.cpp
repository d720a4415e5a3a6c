// RecordWriter -> RecordReader: every physical type as scalar and vector, embedded and
// linked scalars, nested and empty collections, with and without record-level
// compression and under each checksum convention; plus the exact bytes of one record.
#include <gtest/gtest.h>

#include <cmath>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/compression.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "physical_test_support.hpp"

namespace jemhead::pqdif {
namespace {

using test::container_body;
using test::read_file;
using test::RecordSpec;
using test::tag_n;
using test::u32_at;
using test::write_file;

constexpr PhysicalType kAllTypes[] = {
    PhysicalType::boolean1,  PhysicalType::boolean2,  PhysicalType::boolean4,
    PhysicalType::char1,     PhysicalType::char2,     PhysicalType::integer1,
    PhysicalType::integer2,  PhysicalType::integer4,  PhysicalType::unsigned1,
    PhysicalType::unsigned2, PhysicalType::unsigned4, PhysicalType::real4,
    PhysicalType::real8,     PhysicalType::complex8,  PhysicalType::complex16,
    PhysicalType::timestamp, PhysicalType::guid};

// `count` values of `type` with distinct bytes, so any shift or truncation shows.
Values patterned(PhysicalType type, std::uint32_t count, std::uint8_t seed) {
  Values v;
  v.type = type;
  v.count = count;
  v.bytes.resize(count * *size_of(type));
  for (std::size_t i = 0; i < v.bytes.size(); ++i)
    v.bytes[i] = static_cast<std::uint8_t>(seed + 7 * i + 1);
  return v;
}

// A body exercising every type, odd-length vectors (padding), an empty vector, an empty
// collection and four levels of nesting.
Element rich_body(const Guid& tag) {
  std::vector<Element> children;
  std::uint32_t n = 0;
  const auto fresh = [&n] { return tag_n(++n); };
  for (const auto type : kAllTypes) {
    const auto seed = static_cast<std::uint8_t>(n);
    children.push_back(Element::scalar(fresh(), patterned(type, 1, seed)));
    children.push_back(Element::vector(fresh(), patterned(type, 3, seed + 1)));
  }
  children.push_back(Element::vector(fresh(), patterned(PhysicalType::real8, 0, 0)));
  children.push_back(Element::collection(fresh()));
  Element deep = Element::collection(fresh(), {Element::vector(fresh(), Values::of_text("x"))});
  for (int level = 0; level < 4; ++level)
    deep = Element::collection(fresh(),
                               {deep, Element::scalar(fresh(), Values::of_scalar_real8(level))});
  children.push_back(deep);
  // Compressible bulk, so record-level compression visibly shrinks the body.
  std::vector<double> ramp(2000);
  for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = std::floor(static_cast<double>(i) / 10);
  children.push_back(Element::vector(fresh(), Values::of_real8(ramp)));
  return Element::collection(tag, std::move(children));
}

struct Case {
  CompressionStyle style;
  ChecksumConvention checksum;
};

class PqdifPhysicalRoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(PqdifPhysicalRoundTrip, EveryRecordComesBackEqual) {
  const auto [style, checksum] = GetParam();
  const std::vector<RecordSpec> specs = {
      {kTagContainer, container_body(style)},
      {kTagRecordDataSource, rich_body(kTagRecordDataSource)},
      {kTagRecordObservation, rich_body(kTagRecordObservation)},
      {kTagRecordObservation, Element::collection(kTagRecordObservation)},
  };
  WriteOptions options;
  options.style = style;
  options.checksum = checksum;
  const std::string file = write_file(specs, options);

  std::istringstream in(file, std::ios::binary);
  RecordReader reader(in);
  std::vector<Record> got;
  while (auto r = reader.next()) got.push_back(std::move(*r));
  ASSERT_EQ(got.size(), specs.size());
  EXPECT_EQ(reader.compression(), style);
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(i);
    Element expected = specs[i].body;
    expected.tag = specs[i].tag;
    EXPECT_EQ(got[i].body, expected);
    EXPECT_EQ(got[i].header.tag, specs[i].tag);
    const bool compressed = style == CompressionStyle::record_level && i > 0;
    EXPECT_EQ(got[i].compressed, compressed);
    const std::size_t raw_size = encode_body(specs[i].body).size();
    if (compressed && i < 3) {
      EXPECT_LT(got[i].header.body_size, raw_size);
    }
    if (!compressed) {
      EXPECT_EQ(got[i].header.body_size, raw_size);
    }
    const ChecksumKind kind = checksum == ChecksumConvention::none ? ChecksumKind::absent
                              : checksum == ChecksumConvention::adler32_stored
                                  ? ChecksumKind::adler32_stored
                                  : ChecksumKind::crc32_decompressed;
    // Uncompressed, both sums cover the same bytes and the reader tries Adler-32 first.
    if (kind == ChecksumKind::crc32_decompressed && !compressed &&
        adler32_of(encode_body(specs[i].body)) == got[i].header.checksum)
      continue;
    EXPECT_EQ(got[i].checksum, kind);
  }
  // Links chain the records in file order and the last is 0.
  EXPECT_EQ(got[0].header.offset, 0u);
  for (std::size_t i = 0; i + 1 < got.size(); ++i) {
    EXPECT_EQ(got[i].header.next_offset, got[i].header.offset + 64 + got[i].header.body_size);
    EXPECT_EQ(got[i + 1].header.offset, got[i].header.next_offset);
  }
  EXPECT_EQ(got.back().header.next_offset, 0u);
  EXPECT_EQ(got.back().header.offset + 64 + got.back().header.body_size, file.size());
}

INSTANTIATE_TEST_SUITE_P(
    Conventions, PqdifPhysicalRoundTrip,
    ::testing::Values(Case{CompressionStyle::none, ChecksumConvention::adler32_stored},
                      Case{CompressionStyle::none, ChecksumConvention::crc32_decompressed},
                      Case{CompressionStyle::none, ChecksumConvention::none},
                      Case{CompressionStyle::record_level, ChecksumConvention::adler32_stored},
                      Case{CompressionStyle::record_level, ChecksumConvention::crc32_decompressed},
                      Case{CompressionStyle::record_level, ChecksumConvention::none}));

std::vector<std::uint8_t> bytes_of(std::initializer_list<int> list) {
  std::vector<std::uint8_t> out;
  for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

void append(std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& more) {
  out.insert(out.end(), more.begin(), more.end());
}

void append_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void append_guid(std::vector<std::uint8_t>& out, const Guid& g) {
  out.insert(out.end(), g.bytes.begin(), g.bytes.end());
}

TEST(PqdifPhysicalBytes, OneHandBuiltRecordIsWrittenExactly) {
  // Container {unsigned4 7 embedded, char1 "ab" linked, timestamp linked}.
  const Guid a = tag_n(1), b = tag_n(2), c = tag_n(3);
  const Element body = Element::collection(
      kTagContainer, {Element::scalar(a, Values::of_scalar_unsigned4(7)),
                      Element::vector(b, Values::of_text("ab")),
                      Element::scalar(c, Values::of_timestamp({44824, 90744.0}))});
  std::vector<std::uint8_t> expected_body;
  append_u32(expected_body, 3);
  // Element headers: 4 + 3 * 28 = 88, so the first linked block starts at 88.
  append_guid(expected_body, a);
  append(expected_body, bytes_of({2, 32, 1, 0, 7, 0, 0, 0, 0, 0, 0, 0}));
  append_guid(expected_body, b);
  append(expected_body, bytes_of({3, 10, 0, 0}));
  append_u32(expected_body, 88);
  append_u32(expected_body, 4 + 3);  // count + "ab\0"
  append_guid(expected_body, c);
  append(expected_body, bytes_of({2, 50, 0, 0}));
  append_u32(expected_body, 96);  // 88 + 7, aligned to 4
  append_u32(expected_body, 12);
  ASSERT_EQ(expected_body.size(), 88u);
  append_u32(expected_body, 3);
  append(expected_body, bytes_of({'a', 'b', 0, 0 /* padding */}));
  append_u32(expected_body, 44824);
  append(expected_body, bytes_of({0, 0, 0, 0, 0x80, 0x27, 0xf6, 0x40}));  // 90744.0
  ASSERT_EQ(expected_body.size(), 108u);
  EXPECT_EQ(encode_body(body), expected_body);

  const std::string file = write_file({{kTagContainer, body}});
  ASSERT_EQ(file.size(), 64u + 108u);
  std::vector<std::uint8_t> expected;
  append_guid(expected, kRecordSignature);
  append_guid(expected, kTagContainer);
  append_u32(expected, 64);
  append_u32(expected, 108);
  append_u32(expected, 0);  // last record
  append_u32(expected, adler32_of(expected_body));
  expected.resize(64, 0);
  append(expected, expected_body);
  EXPECT_EQ(std::vector<std::uint8_t>(file.begin(), file.end()), expected);
  // The signature as the standard prints it: {4a111440-e49f-11cf-9900-505144494600}.
  EXPECT_EQ(file.substr(0, 4), std::string("\x40\x14\x11\x4a", 4));
  EXPECT_EQ(file.substr(10, 6), "PQDIF" + std::string(1, '\0'));
}

TEST(PqdifPhysicalBytes, SecondRecordLinksFromTheFirst) {
  const std::string file = write_file({{kTagContainer, container_body(CompressionStyle::none)},
                                       {kTagRecordObservation, Element::collection({})}});
  const std::uint32_t first_body = u32_at(file, 36);
  EXPECT_EQ(u32_at(file, 40), 64 + first_body);
  EXPECT_EQ(u32_at(file, 64 + first_body + 36), 4u);  // empty collection: the count only
  EXPECT_EQ(u32_at(file, 64 + first_body + 40), 0u);
  EXPECT_EQ(file.size(), 64u + first_body + 64u + 4u);
}

TEST(PqdifPhysicalBytes, DecodesPaddedSizesAndUnalignedBlocks) {
  // As other writers do: a vector size rounded up to 4, and a block at an odd offset.
  std::vector<std::uint8_t> body;
  append_u32(body, 2);
  append_guid(body, tag_n(1));
  append(body, bytes_of({3, 10, 0, 0}));
  append_u32(body, 60);
  append_u32(body, 8);  // 4 + "ab\0" = 7, stored as 8
  append_guid(body, tag_n(2));
  append(body, bytes_of({2, 41, 0, 0}));
  append_u32(body, 69);  // unaligned real8
  append_u32(body, 8);
  append_u32(body, 3);
  append(body, bytes_of({'a', 'b', 0, 0, 0}));
  append(body, bytes_of({0, 0, 0, 0, 0, 0, 0xf8, 0x3f}));  // 1.5
  const Element e = decode_body(body);
  ASSERT_EQ(e.children.size(), 2u);
  EXPECT_EQ(e.children[0].values.text(), "ab");
  EXPECT_EQ(e.children[0].values.count, 3u);
  EXPECT_EQ(e.children[1].values.real(), 1.5);
}

TEST(PqdifPhysicalBytes, EmbeddedVectorIsAccepted) {
  std::vector<std::uint8_t> body;
  append_u32(body, 1);
  append_guid(body, tag_n(1));
  append(body, bytes_of({3, 31, 1, 0, 2, 0, 0, 0, 0x34, 0x12, 0x78, 0x56}));  // 2 x unsigned2
  const Element e = decode_body(body);
  ASSERT_EQ(e.children.size(), 1u);
  EXPECT_EQ(e.children[0].values.reals(), (std::vector<double>{0x1234, 0x5678}));
}

TEST(PqdifPhysicalWriter, RefusesInconsistentCompression) {
  std::ostringstream out;
  EXPECT_THROW(RecordWriter(out, WriteOptions{CompressionStyle::total_file}), PqdifError);
  {
    RecordWriter w(out, WriteOptions{CompressionStyle::record_level});
    EXPECT_THROW(w.write(kTagContainer, container_body(CompressionStyle::none)), PqdifError);
    EXPECT_THROW(w.write(kTagRecordObservation, Element::collection({})), PqdifError);
  }
  {
    RecordWriter w(out);
    EXPECT_THROW(w.write(kTagContainer, container_body(CompressionStyle::record_level)),
                 PqdifError);
  }
  EXPECT_TRUE(out.str().empty());
}

TEST(PqdifPhysicalWriter, RefusesValuesThatDoNotMatchTheirType) {
  Values bad = Values::of_scalar_unsigned4(1);
  bad.bytes.pop_back();
  EXPECT_THROW(encode_body(Element::collection({}, {Element::scalar(tag_n(1), bad)})), PqdifError);
  Values two = Values::of_real8(std::vector<double>{1, 2});
  EXPECT_THROW(encode_body(Element::collection({}, {Element::scalar(tag_n(1), two)})), PqdifError);
  Values unknown = Values::of_scalar_unsigned4(1);
  unknown.type = static_cast<PhysicalType>(99);
  EXPECT_THROW(encode_body(Element::collection({}, {Element::vector(tag_n(1), unknown)})),
               PqdifError);
  EXPECT_THROW(encode_body(Element::scalar(tag_n(1), Values::of_scalar_real8(1))), PqdifError);
}

TEST(PqdifPhysicalWriter, WriteAfterFinishThrowsAndDestructorFinishes) {
  std::ostringstream out;
  {
    RecordWriter w(out);
    w.write(kTagContainer, container_body(CompressionStyle::none));
    EXPECT_EQ(w.bytes_written(), 0u);  // held back until its link is known
  }
  const auto records = read_file(out.str());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].header.next_offset, 0u);

  std::ostringstream out2;
  RecordWriter w(out2);
  w.write(kTagContainer, container_body(CompressionStyle::none));
  w.finish();
  w.finish();
  EXPECT_THROW(w.write(kTagRecordObservation, Element::collection({})), PqdifError);
  EXPECT_EQ(w.records_written(), 1u);
  EXPECT_EQ(w.bytes_written(), out2.str().size());
}

}  // namespace
}  // namespace jemhead::pqdif
