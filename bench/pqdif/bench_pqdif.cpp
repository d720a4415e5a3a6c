// `./x bench pqdif`: PQDIF parse throughput, in MB/s of file bytes, next to the baseline of
// following the same files' record links and inflating their bodies with zlib (no element
// tree, no values) in the same run. Target: parsing costs no more than 2x the baseline,
// i.e. ratio (ours / baseline throughput) >= 0.5.
//
// Sets: the real sample files (tests/data/pqdif/, plus the shared sample set when present)
// and a large generated file, compressed and not (waveform and measurement-log
// observations written by the logical writer). Both sides read the same files from the
// file system (the page cache after the first round): ours streams through the reader,
// the baseline reads each file whole and inflates its bodies. Options: --seconds S per side and set
// (default 1),
// --generated-mb N (default 40).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench/flags.hpp"
#include "bench/pqdif/baseline_inflate.hpp"
#include "bench/pqdif/generated_file.hpp"
#include "bench/report.hpp"
#include "bench/temp_dir.hpp"
#include "core/pqdif/logical_reader.hpp"
#include "tests/data/pqdif_files.hpp"

namespace jemhead::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct InputFile {
  std::string path;
  std::size_t size = 0;
  bool compressed = false;
};

// One read into a buffer that is not zero-filled first: the cheapest way to get the bytes.
struct FileBytes {
  std::unique_ptr<std::uint8_t[]> data;
  std::size_t size = 0;
};

FileBytes read_file(const InputFile& file) {
  FileBytes bytes{std::make_unique_for_overwrite<std::uint8_t[]>(file.size), file.size};
  std::ifstream in(file.path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(bytes.data.get()), static_cast<std::streamsize>(file.size)))
    throw std::runtime_error("cannot read " + file.path);
  return bytes;
}

// Everything a user of the reader gets: every observation decoded, every value counted.
std::size_t parse(const InputFile& file) {
  std::ifstream in(file.path, std::ios::binary);
  pqdif::PqdifFileReader reader(in);
  std::size_t values = 0;
  while (auto observation = reader.next_observation())
    for (const auto& channel : observation->channels)
      for (const auto& series : channel.series) values += series.values.size();
  return values;
}

// The physical layer alone: every record's element tree, no observations.
std::size_t read_records(const InputFile& file) {
  std::ifstream in(file.path, std::ios::binary);
  pqdif::RecordReader reader(in);
  std::size_t elements = 0;
  while (auto record = reader.next()) elements += record->body.children.size();
  return elements;
}

std::size_t baseline(const InputFile& file) {
  const auto bytes = read_file(file);
  return inflate_records({bytes.data.get(), bytes.size}, file.compressed).body_bytes;
}

// Repeats `work` over every file until `seconds` have passed; returns MB/s of file bytes.
template <typename Work>
double throughput(const std::vector<InputFile>& files, double seconds, Work work,
                  std::size_t& sink) {
  std::size_t bytes = 0;
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  do {
    for (const auto& f : files) {
      sink += work(f);
      bytes += f.size;
    }
  } while (Clock::now() < until);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(bytes) / 1e6 / elapsed;
}

void measure(const std::string& name, const std::vector<InputFile>& files, double seconds) {
  std::size_t sink = 0;
  // The baseline first and last, ours in between, so neither gets only a cold cache.
  const double base1 = throughput(files, seconds / 2, baseline, sink);
  const double ours = throughput(files, seconds, parse, sink);
  const double records = throughput(files, seconds / 2, read_records, sink);
  const double base2 = throughput(files, seconds / 2, baseline, sink);
  const double base = (base1 + base2) / 2;
  report("pqdif.parse." + name, ours, "MB/s", base);
  report("pqdif.records." + name, records, "MB/s", base);
  if (sink == 0) std::cerr << "nothing parsed in " << name << "\n";
}

InputFile input(const std::string& path, bool compressed) {
  return {path, std::filesystem::file_size(path), compressed};
}

std::vector<InputFile> sample_files() {
  std::vector<InputFile> files{input(testing::pqdif_test_file("secha-example.pqd"), true)};
  for (const char* name : {"20220920T000000.pqd", "20220921T000000.pqd"})
    if (auto path = testing::pqdif_shared_sample(name)) files.push_back(input(*path, true));
  return files;
}

InputFile generated_file(const TempDir& dir, std::size_t bytes, bool compressed) {
  const auto path = dir.file(compressed ? "generated-compressed.pqd" : "generated.pqd");
  const auto content = generate_pqdif_file(bytes, compressed);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(content.data()),
             static_cast<std::streamsize>(content.size()));
  return input(path, compressed);
}

}  // namespace
}  // namespace jemhead::bench

int main(int argc, char** argv) {
  using namespace jemhead::bench;
  double seconds = 1.0;
  std::size_t generated_mb = 40;
  try {
    BenchFlags()
        .number("--seconds", seconds, 0.1, 3600)
        .number("--generated-mb", generated_mb, 1, 4096)
        .parse(argc, argv);
    measure("samples", sample_files(), seconds);
    const TempDir dir("jemhead-bench-pqdif");
    for (bool compressed : {true, false}) {
      const std::vector<InputFile> generated{generated_file(dir, generated_mb << 20, compressed)};
      measure(compressed ? "generated_compressed" : "generated_uncompressed", generated, seconds);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_pqdif: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
