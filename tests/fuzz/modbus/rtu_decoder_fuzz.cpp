// The RTU stream decoder under hostile bytes, in both directions and both CRC orders.
// The first input byte picks the configuration; the rest is fed in chunks whose sizes
// come from the data, with a silence now and then. Every frame delivered is also run
// through the PDU decoders. Invariants: no crash, at most one frame's worth buffered,
// every delivered frame within the RTU size limit.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/protocol/modbus/pdu.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"

using namespace jemhead::modbus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  RtuDecoderOptions options;
  options.direction = (mode & 1) ? RtuDirection::requests : RtuDirection::responses;
  options.crc_order = (mode & 2) ? CrcOrder::high_byte_first : CrcOrder::low_byte_first;
  if (mode & 4) options.address = static_cast<std::uint8_t>(mode >> 4);
  options.accept_broadcast = mode & 8;
  RtuDecoder decoder(options);

  std::span<const std::uint8_t> rest(data + 1, size - 1);
  while (!rest.empty()) {
    const std::size_t chunk = std::min<std::size_t>(rest.size(), 1 + rest[0] % 37);
    decoder.feed(rest.first(chunk));
    if (rest[0] % 11 == 0) decoder.on_silence();
    rest = rest.subspan(chunk);
    if (decoder.buffered() > kMaxRtuFrame) std::abort();
    while (auto frame = decoder.next()) {
      if (frame->pdu.empty() || frame->pdu.size() > kMaxRtuFrame - 3) std::abort();
      if (options.direction == RtuDirection::requests) {
        (void)decode_request(frame->pdu);
      } else {
        (void)decode_response(ReadRegistersRequest{FunctionCode::read_holding_registers, 0, 2},
                              frame->pdu);
        (void)decode_response(ReadBitsRequest{FunctionCode::read_coils, 0, 9}, frame->pdu);
        (void)decode_response(WriteMultipleRegistersRequest{0, {1, 2}}, frame->pdu);
      }
    }
  }
  decoder.on_silence();
  if (decoder.mid_frame()) std::abort();
  return 0;
}
