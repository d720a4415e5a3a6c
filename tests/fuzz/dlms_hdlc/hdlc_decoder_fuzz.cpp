// The HDLC stream decoder under hostile bytes. The first input byte picks the frame length
// limit and the chunking; the rest is the byte stream, fed in chunks with an inter-frame
// timeout now and then. Every frame delivered also goes through the control, parameter,
// LLC and reassembly decoders. Invariants: no crash, at most one candidate frame buffered,
// every frame within the limit, and re-encoding a frame gives bytes that were on the wire
// and decode to the same frame.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"
#include "drivers/protocol/dlms/hdlc/segmentation.hpp"

using namespace jemhead::dlms::hdlc;

namespace {

void check(const Frame& frame, std::span<const std::uint8_t> stream, std::size_t limit) {
  const auto bytes = encode_frame(frame);  // must not throw for a decoded frame
  if (bytes.size() - 2 > limit) std::abort();
  if (std::search(stream.begin(), stream.end(), bytes.begin(), bytes.end()) == stream.end())
    std::abort();
  FrameDecoder again;
  again.feed(bytes);
  const auto back = again.next();
  if (!back || !(*back == frame) || again.next()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::size_t limit =
      (mode & 1) ? frame_length_for_info(kDefaultMaxInfoLength) : kMaxFrameLength;
  FrameDecoder decoder({limit});
  Reassembler reassembler(512);

  const std::span<const std::uint8_t> stream(data + 1, size - 1);
  std::uint32_t rng = mode * 2654435761u + 1;
  std::size_t at = 0;
  while (at < stream.size()) {
    rng = rng * 1103515245u + 12345u;
    const std::size_t chunk = std::min<std::size_t>(stream.size() - at, 1 + (rng >> 16) % 41);
    decoder.feed(stream.subspan(at, chunk));
    at += chunk;
    if ((mode & 2) && (rng >> 24) % 13 == 0) decoder.on_timeout();
    if (decoder.buffered() > limit + 2) std::abort();
    while (auto frame = decoder.next()) {
      check(*frame, stream, limit);
      (void)decode_control(frame->control);
      (void)decode_parameters(frame->info);
      (void)strip_llc(LlcDirection::request, frame->info);
      if (reassembler.add(frame->info, frame->segmented) == Reassembler::Status::complete)
        (void)reassembler.take();
    }
  }
  decoder.on_timeout();
  while (auto frame = decoder.next()) check(*frame, stream, limit);
  if (decoder.mid_frame()) std::abort();
  return 0;
}
