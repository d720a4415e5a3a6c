// The record reader against files written by other people's software (tests/data/pqdif/
// and the shared sample set): every record is reached, compression and both checksum
// conventions are recognised, and values found by hand in a hex dump come out.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "core/pqdif/pqdif_error.hpp"
#include "physical_test_support.hpp"
#include "tests/data/pqdif_files.hpp"

namespace jemhead::pqdif {
namespace {

using test::count_elements;

struct FileSummary {
  std::vector<Record> records;  // bodies kept only for the first three records
  std::size_t elements = 0;
  std::map<ChecksumKind, std::size_t> checksums;
  CompressionStyle style = CompressionStyle::none;
};

FileSummary read_sample(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  RecordReader reader(in);
  FileSummary s;
  while (auto r = reader.next()) {
    s.elements += count_elements(r->body);
    ++s.checksums[r->checksum];
    if (s.records.size() >= 3) r->body = Element::collection(r->body.tag);
    s.records.push_back(std::move(*r));
  }
  EXPECT_EQ(reader.records_read(), s.records.size());
  EXPECT_FALSE(reader.next().has_value());  // stays at the end
  s.style = reader.compression();
  return s;
}

void expect_record_order(const std::vector<Record>& records) {
  ASSERT_GE(records.size(), 4u);
  EXPECT_EQ(records[0].header.tag, kTagContainer);
  EXPECT_EQ(records[1].header.tag, kTagRecordDataSource);
  EXPECT_EQ(records[2].header.tag, kTagRecordMonitorSettings);
  for (std::size_t i = 3; i < records.size(); ++i)
    EXPECT_EQ(records[i].header.tag, kTagRecordObservation) << "record " << i;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& h = records[i].header;
    EXPECT_EQ(h.signature, kRecordSignature);
    EXPECT_EQ(h.header_size, 64u);
    EXPECT_EQ(records[i].body.tag, h.tag);
    // The container is never compressed; every later record is.
    EXPECT_EQ(records[i].compressed, i > 0) << "record " << i;
    if (i + 1 < records.size())
      EXPECT_EQ(h.next_offset, records[i + 1].header.offset);
    else
      EXPECT_EQ(h.next_offset, 0u);
  }
}

TEST(PqdifPhysicalSamples, SechaExampleReadsToTheEnd) {
  const auto s = read_sample(testing::pqdif_test_file("secha-example.pqd"));
  ASSERT_EQ(s.records.size(), 50u);
  expect_record_order(s.records);
  EXPECT_EQ(s.style, CompressionStyle::record_level);
  // Adler-32 over the stored bytes, the container included.
  EXPECT_EQ(s.checksums.at(ChecksumKind::adler32_stored), 50u);
  EXPECT_EQ(s.checksums.size(), 1u);
  EXPECT_EQ(s.elements, 6667u);
  EXPECT_EQ(s.records[0].header.body_size, 1036u);
  EXPECT_EQ(s.records[0].header.checksum, 0x8f292918u);
  EXPECT_EQ(s.records[1].header.offset, 1100u);
  EXPECT_EQ(s.records[1].header.body_size, 2948u);
  EXPECT_EQ(s.records.back().header.offset, 452725u);
  EXPECT_EQ(s.records[1].body.children.size(), 11u);
  EXPECT_EQ(s.records[2].body.children.size(), 6u);
  EXPECT_EQ(s.records.back().body.children.size(), 0u);  // body dropped above
}

TEST(PqdifPhysicalSamples, SechaExampleContainerValues) {
  const auto s = read_sample(testing::pqdif_test_file("secha-example.pqd"));
  const Element& c = s.records.at(0).body;
  ASSERT_EQ(c.children.size(), 18u);
  const Element* name = c.find(Guid::of(0x89738608, 0xf1c3, 0x11cf, detail::kStandardTagTail));
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->type, ElementType::vector);
  EXPECT_EQ(name->values.type, PhysicalType::char1);
  EXPECT_EQ(name->values.count, 37u);
  EXPECT_EQ(name->values.text(), "D:\\PQDIF\\Native15\\PQDIFr\\example.pqd");
  const Element* version = c.find(Guid::of(0x89738607, 0xf1c3, 0x11cf, detail::kStandardTagTail));
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(version->values.reals(), (std::vector<double>{1, 5, 1, 5}));
  const Element* style = c.find(kTagCompressionStyleID);
  ASSERT_NE(style, nullptr);
  EXPECT_EQ(style->type, ElementType::scalar);
  EXPECT_EQ(style->values.integer(), 2);
  EXPECT_EQ(c.find(kTagCompressionAlgorithmID)->values.integer(), 1);
  const Element* created = c.find(Guid::of(0x89738609, 0xf1c3, 0x11cf, detail::kStandardTagTail));
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->values.timestamp().days, 36357u);  // 0x8e05: 1999-07-16
}

class PqdifPhysicalDailySamples : public ::testing::TestWithParam<const char*> {};

TEST_P(PqdifPhysicalDailySamples, ReadsToTheEndWithCrcOfInflatedBodies) {
  const auto path = testing::pqdif_shared_sample(GetParam());
  if (!path) GTEST_SKIP() << "shared PQDIF samples not present";
  const auto s = read_sample(*path);
  ASSERT_EQ(s.records.size(), 41u);
  expect_record_order(s.records);
  EXPECT_EQ(s.style, CompressionStyle::record_level);
  // The container carries no checksum; the rest use CRC-32 of the inflated body.
  EXPECT_EQ(s.records[0].checksum, ChecksumKind::absent);
  EXPECT_EQ(s.checksums.at(ChecksumKind::absent), 1u);
  EXPECT_EQ(s.checksums.at(ChecksumKind::crc32_decompressed), 40u);
  EXPECT_EQ(s.checksums.size(), 2u);
  EXPECT_EQ(s.elements, 23547u);
  EXPECT_EQ(s.records[0].header.body_size, 432u);
  EXPECT_EQ(s.records[1].header.body_size, 13825u);
  EXPECT_EQ(s.records[1].body.children.size(), 8u);

  const Element& c = s.records[0].body;
  ASSERT_EQ(c.children.size(), 10u);
  EXPECT_EQ(c.children[0].values.text(), "PQDIFServer");
  EXPECT_EQ(c.find(Guid::of(0x89738608, 0xf1c3, 0x11cf, detail::kStandardTagTail))->values.text(),
            "CPDIS_11KV_OSS0037_412693DX");
  const auto created =
      c.find(Guid::of(0x89738609, 0xf1c3, 0x11cf, detail::kStandardTagTail))->values.timestamp();
  const bool first_day = std::string(GetParam()) == "20220920T000000.pqd";
  EXPECT_EQ(created.days, first_day ? 44824u : 44825u);
  // Seconds beyond a day, really in the file.
  EXPECT_EQ(created.seconds, first_day ? 90744.0 : 90759.0);
}

INSTANTIATE_TEST_SUITE_P(Files, PqdifPhysicalDailySamples,
                         ::testing::Values("20220920T000000.pqd", "20220921T000000.pqd"));

TEST(PqdifPhysicalSamples, SechaExampleRewrittenReadsBackEqual) {
  std::ifstream in(testing::pqdif_test_file("secha-example.pqd"), std::ios::binary);
  RecordReader reader(in);
  std::vector<Record> original;
  while (auto r = reader.next()) original.push_back(std::move(*r));
  ASSERT_EQ(original.size(), 50u);

  std::ostringstream out(std::ios::binary);
  RecordWriter writer(
      out, WriteOptions{CompressionStyle::record_level, ChecksumConvention::crc32_decompressed});
  for (const auto& r : original) writer.write(r.header.tag, r.body);
  writer.finish();
  const auto copy = test::read_file(out.str());
  ASSERT_EQ(copy.size(), original.size());
  for (std::size_t i = 0; i < copy.size(); ++i) {
    EXPECT_EQ(copy[i].body, original[i].body) << "record " << i;
    EXPECT_EQ(copy[i].compressed, i > 0);
    EXPECT_EQ(copy[i].checksum, ChecksumKind::crc32_decompressed);
  }
}

TEST(PqdifPhysicalSamples, TruncatedSampleFailsInTheCutRecord) {
  std::ifstream in(testing::pqdif_test_file("secha-example.pqd"), std::ios::binary);
  std::string bytes(4000, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::istringstream cut(bytes, std::ios::binary);
  RecordReader reader(cut);
  ASSERT_TRUE(reader.next().has_value());
  try {
    reader.next();
    FAIL() << "expected a PqdifError";
  } catch (const PqdifError& e) {
    EXPECT_EQ(e.record(), 1u);
    EXPECT_EQ(e.offset(), 1100u);
    EXPECT_NE(std::string(e.what()).find("truncated record body"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(reader.next().has_value());
}

}  // namespace
}  // namespace jemhead::pqdif
