// The IEC 62056-47 wrapper decoder under hostile bytes. The first input byte picks the
// APDU length limit and the chunking; the rest is the TCP byte stream. Invariants: no
// crash, nothing buffered once in error, never more than one frame's worth buffered,
// every APDU within the limit, and re-encoding a frame gives bytes that were on the wire.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"

using namespace jemhead::dlms::wrapper;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::size_t limit = (mode & 1) ? 512 : kMaxApduLength;
  WrapperDecoder decoder({limit});

  const std::span<const std::uint8_t> stream(data + 1, size - 1);
  std::uint32_t rng = mode * 2654435761u + 1;
  std::size_t at = 0;
  while (at < stream.size()) {
    rng = rng * 1103515245u + 12345u;
    const std::size_t chunk = std::min<std::size_t>(stream.size() - at, 1 + (rng >> 16) % 29);
    decoder.feed(stream.subspan(at, chunk));
    at += chunk;
    if (decoder.error() != WrapperError::none && decoder.buffered() != 0) std::abort();
    if (decoder.buffered() > kHeaderSize + limit) std::abort();
    while (auto frame = decoder.next()) {
      if (frame->apdu.empty() || frame->apdu.size() > limit) std::abort();
      const auto bytes = encode_wrapper(*frame);
      if (std::search(stream.begin(), stream.end(), bytes.begin(), bytes.end()) == stream.end())
        std::abort();
      WrapperDecoder again;
      again.feed(bytes);
      const auto back = again.next();
      if (!back || !(*back == *frame)) std::abort();
    }
  }
  return 0;
}
