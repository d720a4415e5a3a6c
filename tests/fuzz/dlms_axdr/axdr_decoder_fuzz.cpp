// The A-XDR decoder under hostile bytes. Invariants: no crash; a strict decode re-encodes
// to exactly the input (strict mode accepts only the encoder's canonical forms); a
// lenient decode re-encodes to bytes that decode strictly to the same encoding (lenient
// forms -- long lengths, boolean bytes other than 00/01 -- normalise once and stay put).
// Calendar values found anywhere are also run through the date-time reader.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"

using namespace jemhead::dlms::axdr;

namespace {

void visit_calendar(const Data& v, int depth) {
  if (depth > 32) return;
  try {
    if (v.is(DataType::date_time) ||
        (v.is(DataType::octet_string) && v.as_octet_string().size() == 12)) {
      const auto dt = date_time_of(v);
      const auto raw = encode_date_time(dt);
      const auto& source = v.is(DataType::date_time) ? v.as_date_time() : v.as_octet_string();
      if (!std::equal(raw.begin(), raw.end(), source.begin())) std::abort();
      (void)to_utc(dt);
    }
  } catch (const AxdrError&) {
  }
  if (v.is(DataType::array) || v.is(DataType::structure))
    for (const auto& e : v.is(DataType::array) ? v.as_array() : v.as_structure())
      visit_calendar(e, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  DecodeOptions lenient;
  lenient.max_elements = 100'000;
  DecodeOptions strict = lenient;
  strict.strict = true;

  try {
    const Data value = decode(input, strict);
    const auto bytes = encode(value);
    if (bytes.size() != size || !std::equal(bytes.begin(), bytes.end(), data)) std::abort();
  } catch (const DecodeError&) {
  }

  try {
    const Data value = decode(input, lenient);
    (void)to_text(value);
    visit_calendar(value, 0);
    const auto once = encode(value);
    const auto twice = encode(decode(once, strict));
    if (once != twice) std::abort();
  } catch (const DecodeError&) {
  }
  return 0;
}
