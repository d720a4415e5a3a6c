#include "sim/modbus/fault_injection.hpp"

#include <utility>

namespace jemhead::sim {

namespace {
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
}  // namespace

bool fault_swallows_request(const FaultSettings& faults, SlaveLink link) {
  return faults.mode == FaultMode::no_answer ||
         (faults.mode == FaultMode::drop_connection && link == SlaveLink::tcp);
}

FaultOutcome apply_fault(const FaultSettings& faults, SlaveLink link,
                         std::vector<std::uint8_t> frame, std::uint64_t random) {
  FaultOutcome out;
  const bool rtu = link == SlaveLink::rtu;
  switch (faults.mode) {
    case FaultMode::none: break;
    case FaultMode::no_answer:
      out.send = false;
      out.applied = true;
      break;
    case FaultMode::slow:
      out.delay = std::chrono::milliseconds(faults.delay_ms);
      out.applied = true;
      break;
    case FaultMode::garbage: {
      // As long as the answer, so a master reads a plausible amount of noise.
      for (auto& b : frame) b = static_cast<std::uint8_t>(splitmix64(random));
      out.applied = true;
      break;
    }
    case FaultMode::bad_crc:
      if (rtu && frame.size() >= 2) {
        frame.back() ^= 0xFF;
        out.applied = true;
      }
      break;
    case FaultMode::drop_connection:
      if (rtu) {
        // A serial line has no connection to drop: the answer breaks off half way.
        frame.resize(frame.size() / 2 > 0 ? frame.size() / 2 : 1);
      } else {
        out.send = false;
        out.close_connection = true;
      }
      out.applied = true;
      break;
    case FaultMode::wrong_crc_order:
      if (rtu && frame.size() >= 2) {
        std::swap(frame[frame.size() - 2], frame[frame.size() - 1]);
        out.applied = true;
      }
      break;
  }
  out.bytes = std::move(frame);
  return out;
}

}  // namespace jemhead::sim
