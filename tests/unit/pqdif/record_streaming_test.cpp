// A ~50 MB file read through a stream that records how far into the file the reader has
// pulled: after each record it must not have touched bytes past that record (plus one
// small stream buffer), and must have read every byte only once. That is what keeps
// memory at one record however long the file is.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <streambuf>

#include "physical_test_support.hpp"

namespace jemhead::pqdif {
namespace {

// A seekable read-only stream buffer over a file with a small buffer of its own, counting
// every byte it loads and the furthest file position loaded.
class CountingFileBuf : public std::streambuf {
 public:
  static constexpr std::size_t kBuffer = 4096;

  explicit CountingFileBuf(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {}
  ~CountingFileBuf() override {
    if (file_ != nullptr) std::fclose(file_);
  }
  bool is_open() const { return file_ != nullptr; }
  std::uint64_t loaded() const { return loaded_; }
  std::uint64_t furthest() const { return furthest_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::size_t got = std::fread(buffer_, 1, kBuffer, file_);
    base_ += static_cast<std::uint64_t>(egptr() - eback());
    setg(buffer_, buffer_, buffer_ + got);
    loaded_ += got;
    furthest_ = std::max(furthest_, base_ + got);
    return got == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    std::int64_t target = off;
    if (dir == std::ios_base::cur) target += static_cast<std::int64_t>(base_ + (gptr() - eback()));
    if (dir == std::ios_base::end) return pos_type(off_type(-1));  // not needed here
    return seekpos(pos_type(target), std::ios_base::in);
  }

  pos_type seekpos(pos_type pos, std::ios_base::openmode) override {
    if (std::fseek(file_, static_cast<long>(pos), SEEK_SET) != 0) return pos_type(off_type(-1));
    base_ = static_cast<std::uint64_t>(static_cast<std::streamoff>(pos));
    setg(buffer_, buffer_, buffer_);  // empty: the next read loads from `pos`
    return pos;
  }

 private:
  std::FILE* file_;
  char buffer_[kBuffer];
  std::uint64_t base_ = 0;  // file position of eback()
  std::uint64_t loaded_ = 0;
  std::uint64_t furthest_ = 0;
};

TEST(PqdifPhysicalStreaming, FiftyMegabytesReadOneRecordAtATime) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "pqdif_streaming_test.pqd";
  constexpr std::size_t kRecords = 400;
  constexpr std::size_t kValues = 16 * 1024;  // 128 KiB of real8 per record
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    RecordWriter writer(out);
    writer.write(kTagContainer, test::container_body(CompressionStyle::none));
    std::vector<double> values(kValues);
    for (std::size_t r = 0; r < kRecords; ++r) {
      for (std::size_t i = 0; i < kValues; ++i) values[i] = static_cast<double>(r * kValues + i);
      writer.write(
          kTagRecordObservation,
          Element::collection({}, {Element::vector(test::tag_n(1), Values::of_real8(values))}));
    }
    writer.finish();
  }
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 50'000'000u);

  CountingFileBuf buf(path.string());
  ASSERT_TRUE(buf.is_open());
  std::istream in(&buf);
  RecordReader reader(in);
  std::size_t count = 0;
  while (auto r = reader.next()) {
    const auto end = r->header.offset + r->header.header_size + r->header.body_size;
    ASSERT_LE(buf.furthest(), end + CountingFileBuf::kBuffer) << "record " << count;
    if (count > 0) {
      const auto& v = r->body.children.at(0).values;
      ASSERT_EQ(v.count, kValues);
      ASSERT_EQ(v.real(kValues - 1), static_cast<double>(count * kValues - 1));
    }
    ++count;
  }
  EXPECT_EQ(count, kRecords + 1);
  EXPECT_EQ(buf.furthest(), size);
  // Each byte loaded about once: at most one buffer re-read per record (the seek).
  EXPECT_LE(buf.loaded(), size + (kRecords + 1) * CountingFileBuf::kBuffer);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace jemhead::pqdif
