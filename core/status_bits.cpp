#include "core/status_bits.hpp"

#include <map>

namespace jemhead {

namespace {

std::vector<StatusBitInfo> bits_set(const std::array<StatusBitInfo, 16>& table,
                                    std::uint16_t word) {
  std::vector<StatusBitInfo> out;
  for (const auto& info : table)
    if (word & info.mask()) out.push_back(info);
  return out;
}

}  // namespace

std::vector<StatusBitInfo> system_bits_set(std::uint16_t system_word) {
  return bits_set(kSystemStatusBits, system_word);
}

std::vector<StatusBitInfo> trigger_bits_set(std::uint16_t trigger_word) {
  return bits_set(kTypicalTriggerBits, trigger_word);
}

std::vector<StatusPoint> status_word_points(std::uint16_t system_word, std::uint16_t trigger_word) {
  std::vector<StatusPoint> out;
  out.reserve(32);
  for (const auto& info : kSystemStatusBits)
    out.push_back({"system." + std::string(info.name), (system_word & info.mask()) != 0});
  for (const auto& info : kTypicalTriggerBits)
    out.push_back({"trigger.bit_" + std::to_string(info.bit), (trigger_word & info.mask()) != 0});
  return out;
}

std::vector<StatusEdge> detect_status_edges(const StatusSnapshot* previous,
                                            const StatusSnapshot& current) {
  std::map<std::string_view, bool> before;
  if (previous)
    for (const auto& p : previous->points) before[p.name] = p.active;
  std::vector<StatusEdge> edges;
  for (const auto& p : current.points) {
    auto it = before.find(p.name);
    const bool was = it != before.end() && it->second;
    if (was != p.active) edges.push_back({p.name, p.active, current.read_at});
  }
  return edges;
}

}  // namespace jemhead
