#include "drivers/protocol/dlms/cosem/interval_status.hpp"

namespace jemhead::dlms::cosem {

IntervalStatus decode_interval_status(std::uint32_t status) {
  IntervalStatus out;
  out.raw = status;
  out.flags = interval_flags(status);
  for (const auto& bit : kIntervalStatusBits)
    if (status & bit.mask) out.names.push_back(bit.name);
  out.unknown_bits = status & ~kKnownStatusBits;
  if (const auto* code = find_status_code(status)) {
    out.documented = true;
    out.code_name = std::string(code->name);
  }
  return out;
}

}  // namespace jemhead::dlms::cosem
