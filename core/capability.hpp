#pragma once
// What a protocol driver can do for a meter. Drivers declare a CapabilitySet; the
// collection engine routes each kind of job to a connection profile whose driver has the
// capability, and refuses (HTTP 409 with the reason) when no configured channel can.
#include <bitset>
#include <string>
#include <vector>

#include "core/enum_text.hpp"

namespace jemhead {

enum class Capability {
  read_registers,
  read_instantaneous,
  read_load_profile,
  read_clock,
  set_clock,
  read_status,
  read_events,
  read_identity,
  fetch_pq_files,
  write_presets,
  control_outputs,
  read_configuration,
  write_configuration,
};

template <>
struct EnumText<Capability> {
  static constexpr std::array<std::pair<Capability, std::string_view>, 13> names{{
      {Capability::read_registers, "read_registers"},
      {Capability::read_instantaneous, "read_instantaneous"},
      {Capability::read_load_profile, "read_load_profile"},
      {Capability::read_clock, "read_clock"},
      {Capability::set_clock, "set_clock"},
      {Capability::read_status, "read_status"},
      {Capability::read_events, "read_events"},
      {Capability::read_identity, "read_identity"},
      {Capability::fetch_pq_files, "fetch_pq_files"},
      {Capability::write_presets, "write_presets"},
      {Capability::control_outputs, "control_outputs"},
      {Capability::read_configuration, "read_configuration"},
      {Capability::write_configuration, "write_configuration"},
  }};
};

class CapabilitySet {
 public:
  CapabilitySet() = default;
  CapabilitySet(std::initializer_list<Capability> caps) {
    for (auto c : caps) add(c);
  }
  void add(Capability c) { bits_.set(static_cast<std::size_t>(c)); }
  bool has(Capability c) const { return bits_.test(static_cast<std::size_t>(c)); }
  bool empty() const { return bits_.none(); }
  std::vector<Capability> list() const {
    std::vector<Capability> out;
    for (const auto& [c, name] : EnumText<Capability>::names)
      if (has(c)) out.push_back(c);
    return out;
  }

 private:
  std::bitset<EnumText<Capability>::names.size()> bits_;
};

}  // namespace jemhead
