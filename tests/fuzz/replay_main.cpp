// Replays a fuzz target's corpus (files or directories given as arguments) when the
// build has no libFuzzer, so every corpus entry stays a regression test in ctest.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {
int run_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  int runs = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path p(argv[i]);
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file()) runs += run_file(e.path());
    } else {
      runs += run_file(p);
    }
  }
  // A random sweep on top of the corpus: cheap inputs nobody wrote down.
  std::uint32_t state = 12345;
  std::vector<std::uint8_t> buf;
  for (int n = 0; n < 2000; ++n) {
    buf.resize(n % 257);
    for (auto& b : buf) b = static_cast<std::uint8_t>((state = state * 1103515245u + 12345u) >> 16);
    LLVMFuzzerTestOneInput(buf.data(), buf.size());
    ++runs;
  }
  std::printf("replayed %d inputs\n", runs);
  return runs > 2000 ? 0 : 1;  // a target with an empty corpus is a defect
}
