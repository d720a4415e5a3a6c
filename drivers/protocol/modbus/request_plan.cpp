#include "drivers/protocol/modbus/request_plan.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {
namespace {

// A half-open register range that must travel in one request.
struct Unit {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

std::uint32_t end_of(std::uint16_t address, RegisterWidth width) {
  const std::uint32_t end = address + static_cast<std::uint32_t>(width);
  if (end > 0x10000) throw std::invalid_argument("modbus: register pair at 0xFFFF has no low word");
  return end;
}

// Sorted, with overlapping ranges merged (adjacent ones stay separate: they may be split).
std::vector<Unit> merge_units(std::vector<Unit> units) {
  std::sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  std::vector<Unit> merged;
  for (const auto& u : units) {
    if (!merged.empty() && u.begin < merged.back().end)
      merged.back().end = std::max(merged.back().end, u.end);
    else
      merged.push_back(u);
  }
  return merged;
}

// Greedy packing: extend the current span while the gap and the size allow.
std::vector<Unit> pack(const std::vector<Unit>& units, std::uint32_t max_quantity,
                       std::uint32_t max_gap) {
  std::vector<Unit> spans;
  for (const auto& u : units) {
    if (u.end - u.begin > max_quantity)
      throw std::invalid_argument("modbus: overlapping registers at " + std::to_string(u.begin) +
                                  " exceed the per-request limit");
    if (!spans.empty() && u.begin - spans.back().end <= max_gap &&
        u.end - spans.back().begin <= max_quantity)
      spans.back().end = u.end;
    else
      spans.push_back(u);
  }
  return spans;
}

}  // namespace

Validation validate(const RequestLimits& limits) {
  Validation v;
  v.range("max_read_registers", limits.max_read_registers, 2, spec_limit::max_read_registers,
          "a 32-bit pair must fit; Modbus allows 125 (FC03/04)");
  v.range("max_write_registers", limits.max_write_registers, 2, 120,
          "the meter accepts at most 120 registers per preset (manual L12877)");
  v.range("max_read_bits", limits.max_read_bits, 1, spec_limit::max_read_bits,
          "Modbus allows 2000 bits (FC01/02)");
  v.range("max_gap", limits.max_gap, 0, spec_limit::max_read_registers);
  return v;
}

std::vector<ReadRegistersRequest> plan_register_reads(FunctionCode function,
                                                      std::span<const WantedRegisters> wanted,
                                                      const RequestLimits& limits) {
  if (function != FunctionCode::read_holding_registers &&
      function != FunctionCode::read_input_registers)
    throw std::invalid_argument("modbus: register reads need FC03 or FC04");
  std::vector<Unit> units;
  units.reserve(wanted.size());
  for (const auto& w : wanted) units.push_back({w.address, end_of(w.address, w.width)});
  std::vector<ReadRegistersRequest> out;
  for (const auto& s :
       pack(merge_units(std::move(units)), limits.max_read_registers, limits.max_gap))
    out.push_back({function, static_cast<std::uint16_t>(s.begin),
                   static_cast<std::uint16_t>(s.end - s.begin)});
  return out;
}

std::vector<ReadBitsRequest> plan_bit_reads(FunctionCode function,
                                            std::span<const std::uint16_t> addresses,
                                            const RequestLimits& limits) {
  if (function != FunctionCode::read_coils && function != FunctionCode::read_discrete_inputs)
    throw std::invalid_argument("modbus: bit reads need FC01 or FC02");
  std::vector<Unit> units;
  units.reserve(addresses.size());
  for (auto a : addresses) units.push_back({a, a + 1u});
  std::vector<ReadBitsRequest> out;
  for (const auto& s : pack(merge_units(std::move(units)), limits.max_read_bits, limits.max_gap))
    out.push_back({function, static_cast<std::uint16_t>(s.begin),
                   static_cast<std::uint16_t>(s.end - s.begin)});
  return out;
}

std::vector<WriteMultipleRegistersRequest> plan_register_writes(
    std::span<const RegisterWrite> writes, const RequestLimits& limits) {
  std::map<std::uint32_t, std::uint16_t> words;  // register -> value
  std::vector<Unit> units;
  for (const auto& w : writes) {
    const Unit u{w.address, end_of(w.address, w.width)};
    std::vector<std::uint16_t> values;
    if (w.width == RegisterWidth::pair) {
      const auto hl = split_words(w.value);
      values = {hl[0], hl[1]};
    } else {
      values = {static_cast<std::uint16_t>(w.value & 0xFFFFu)};
    }
    for (std::uint32_t r = u.begin; r < u.end; ++r)
      if (!words.emplace(r, values[r - u.begin]).second)
        throw std::invalid_argument("modbus: register " + std::to_string(r) + " written twice");
    units.push_back(u);
  }
  // Writes never bridge gaps: an unwanted register would be overwritten.
  std::vector<WriteMultipleRegistersRequest> out;
  for (const auto& s : pack(merge_units(std::move(units)), limits.max_write_registers, 0)) {
    WriteMultipleRegistersRequest request{static_cast<std::uint16_t>(s.begin), {}};
    for (std::uint32_t r = s.begin; r < s.end; ++r) request.values.push_back(words.at(r));
    out.push_back(std::move(request));
  }
  return out;
}

}  // namespace jemhead::modbus
