// The MBAP stream decoder under hostile bytes fed in data-driven chunks. Invariants: no
// crash, frames within 1..253 PDU bytes, nothing delivered after the stream broke.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "drivers/protocol/modbus/pdu.hpp"

using namespace jemhead::modbus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  MbapDecoder decoder;
  std::span<const std::uint8_t> rest(data, size);
  while (!rest.empty()) {
    const std::size_t chunk = std::min<std::size_t>(rest.size(), 1 + rest[0] % 61);
    const bool was_broken = decoder.error().has_value();
    decoder.feed(rest.first(chunk));
    rest = rest.subspan(chunk);
    while (auto frame = decoder.next()) {
      if (was_broken) std::abort();
      if (frame->pdu.empty() || frame->pdu.size() > 253) std::abort();
      (void)decode_request(frame->pdu);
      (void)decode_response(ReadRegistersRequest{FunctionCode::read_input_registers, 0, 3},
                            frame->pdu);
    }
  }
  return 0;
}
