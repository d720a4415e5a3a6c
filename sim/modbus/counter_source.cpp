#include "sim/modbus/counter_source.hpp"

#include <array>
#include <cctype>
#include <set>
#include <sstream>
#include <vector>

namespace jemhead::sim {

namespace {

constexpr std::array<std::string_view, 17> kKindNames{"Wh delivered",
                                                      "Wh received",
                                                      "VARh delivered",
                                                      "VARh received",
                                                      "VARh Q1",
                                                      "VARh Q2",
                                                      "VARh Q3",
                                                      "VARh Q4",
                                                      "VAh delivered",
                                                      "VAh received",
                                                      "VAh vectorial delivered",
                                                      "VAh vectorial received",
                                                      "Qh delivered",
                                                      "Qh received",
                                                      "Ah",
                                                      "V2h",
                                                      "A2h"};
constexpr std::array<std::string_view, 4> kColumnNames{"phase A", "phase B", "phase C",
                                                       "polyphase"};
// The ten kinds each phase block of the display-register table holds, in order.
constexpr std::array<EnergyKind, 10> kPhaseBlock{EnergyKind::wh_delivered,
                                                 EnergyKind::wh_received,
                                                 EnergyKind::varh_delivered,
                                                 EnergyKind::varh_received,
                                                 EnergyKind::vah_delivered,
                                                 EnergyKind::vah_received,
                                                 EnergyKind::qh_delivered,
                                                 EnergyKind::qh_received,
                                                 EnergyKind::ah,
                                                 EnergyKind::v2h};

std::string name_of(EnergyKind kind, int column) {
  return std::string(kKindNames[static_cast<std::size_t>(kind)]) + " " +
         std::string(kColumnNames[static_cast<std::size_t>(column)]);
}

double unit_divisor(const std::string& unit) {
  if (unit.size() > 1 && unit[0] == 'k') return 1e3;
  if (unit.size() > 1 && unit[0] == 'M') return 1e6;
  return 1;
}

std::vector<std::string> tokens_of(const std::string& name) {
  std::string clean;
  for (unsigned char c : name) clean += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
  std::istringstream in(clean);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

enum class Base { none, wh, varh, vah, qh, ah, v2h, a2h };

Base base_of(const std::string& t) {
  static const std::set<std::string> wh{"watthour", "watthours", "wh", "kwh", "mwh"};
  static const std::set<std::string> varh{"varhour", "varhours", "varh", "kvarh", "mvarh"};
  static const std::set<std::string> vah{"vahour", "vahours", "vah", "kvah", "mvah"};
  static const std::set<std::string> qh{"qhour", "qhours", "qh", "kqh"};
  static const std::set<std::string> ah{"amphour", "amphours", "ah", "kah"};
  if (wh.contains(t)) return Base::wh;
  if (varh.contains(t)) return Base::varh;
  if (vah.contains(t)) return Base::vah;
  if (qh.contains(t)) return Base::qh;
  if (ah.contains(t)) return Base::ah;
  if (t == "v2h" || t == "v2hour" || t == "kv2h") return Base::v2h;
  if (t == "a2h" || t == "a2hour") return Base::a2h;
  return Base::none;
}

std::optional<CounterSource> by_name(const modbus::CounterPoint& point, std::string& problem) {
  Base base = Base::none;
  int direction = 0;  // 1 delivered, 2 received, 10+n quadrant n
  bool vectorial = false;
  int column = kPoly;
  const auto tokens = tokens_of(point.name);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (Base b = base_of(t); b != Base::none)
      base = b;
    else if (t == "delivered" || t == "del")
      direction = 1;
    else if (t == "received" || t == "rec")
      direction = 2;
    else if (t.size() == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4')
      direction = 10 + (t[1] - '0');
    else if (t == "vectorial" || t == "vect" || t == "vector")
      vectorial = true;
    else if (t == "polyphase" || t == "total" || t == "poly")
      column = kPoly;
    else if ((t == "a" || t == "b" || t == "c") && i > 0 && tokens[i - 1] == "phase")
      column = t[0] - 'a';
    else if (t == "pha" || t == "phb" || t == "phc")
      column = t[2] - 'a';
  }
  const std::string why = "counter point " + std::to_string(point.point) + " ('" + point.name +
                          "'): cannot tell which energy register it copies; ";
  if (base == Base::none) {
    problem = why +
              "name a measurement (Watthour, VARhour, VAhour, Qhour, Amphour, V2h, A2h) "
              "or give register_id";
    return std::nullopt;
  }
  EnergyKind kind{};
  const bool del = direction == 1, rec = direction == 2;
  switch (base) {
    case Base::wh:
      if (!del && !rec) break;
      kind = del ? EnergyKind::wh_delivered : EnergyKind::wh_received;
      direction = -1;
      break;
    case Base::varh:
      if (direction > 10) {
        kind = static_cast<EnergyKind>(static_cast<int>(EnergyKind::varh_q1) + direction - 11);
        direction = -1;
      } else if (del || rec) {
        kind = del ? EnergyKind::varh_delivered : EnergyKind::varh_received;
        direction = -1;
      }
      break;
    case Base::vah:
      if (!del && !rec) break;
      if (vectorial)
        kind = del ? EnergyKind::vah_vectorial_delivered : EnergyKind::vah_vectorial_received;
      else
        kind = del ? EnergyKind::vah_delivered : EnergyKind::vah_received;
      direction = -1;
      break;
    case Base::qh:
      if (!del && !rec) break;
      kind = del ? EnergyKind::qh_delivered : EnergyKind::qh_received;
      direction = -1;
      break;
    case Base::ah: kind = EnergyKind::ah, direction = -1; break;
    case Base::v2h: kind = EnergyKind::v2h, direction = -1; break;
    case Base::a2h: kind = EnergyKind::a2h, direction = -1; break;
    case Base::none: break;
  }
  if (direction != -1) {
    problem = why + "say delivered or received (or Q1-Q4 for VARhour)";
    return std::nullopt;
  }
  if (vectorial && column != kPoly) {
    problem = why + "vectorial VAh exists for polyphase only";
    return std::nullopt;
  }
  return CounterSource{kind, column, unit_divisor(point.unit), name_of(kind, column)};
}

}  // namespace

std::optional<CounterSource> display_register(std::uint16_t id) {
  if (id >= 100) id = static_cast<std::uint16_t>(id - 100);
  if (id <= 16) {
    const auto kind = static_cast<EnergyKind>(id);
    return CounterSource{kind, kPoly, 1, name_of(kind, kPoly)};
  }
  if (id >= 20 && id <= 49) {
    const int column = (id - 20) / 10;
    const EnergyKind kind = kPhaseBlock[static_cast<std::size_t>((id - 20) % 10)];
    return CounterSource{kind, column, 1, name_of(kind, column)};
  }
  return std::nullopt;
}

std::optional<CounterSource> counter_source(const modbus::CounterPoint& point,
                                            std::string& problem) {
  if (!point.register_id) return by_name(point, problem);
  const std::uint16_t id = *point.register_id;
  const bool alternate = point.register_set == modbus::RegisterSet::alternate;
  auto source = display_register(alternate && id < 100 ? static_cast<std::uint16_t>(id + 100) : id);
  if (!source) {
    problem = "counter point " + std::to_string(point.point) +
              ": the simulator has no display "
              "register " +
              std::to_string(id) + " (it has 0-16, 20-49; Alternate 100-116, 120-149)";
    return std::nullopt;
  }
  source->unit_divisor = unit_divisor(point.unit);
  return source;
}

double display_value(const CounterSource& source, const EnergyRegisters& primary) {
  const PhaseEnergy& e = primary.phase[static_cast<std::size_t>(source.column)];
  double v = 0;
  switch (source.kind) {
    case EnergyKind::wh_delivered: v = e.wh_delivered; break;
    case EnergyKind::wh_received: v = e.wh_received; break;
    case EnergyKind::varh_delivered: v = e.varh_delivered; break;
    case EnergyKind::varh_received: v = e.varh_received; break;
    case EnergyKind::varh_q1: v = e.varh_quadrant[0]; break;
    case EnergyKind::varh_q2: v = e.varh_quadrant[1]; break;
    case EnergyKind::varh_q3: v = e.varh_quadrant[2]; break;
    case EnergyKind::varh_q4: v = e.varh_quadrant[3]; break;
    case EnergyKind::vah_delivered: v = e.vah_delivered; break;
    case EnergyKind::vah_received: v = e.vah_received; break;
    case EnergyKind::vah_vectorial_delivered: v = primary.vah_vectorial_delivered; break;
    case EnergyKind::vah_vectorial_received: v = primary.vah_vectorial_received; break;
    case EnergyKind::qh_delivered: v = e.qh_delivered; break;
    case EnergyKind::qh_received: v = e.qh_received; break;
    case EnergyKind::ah: v = e.ah; break;
    case EnergyKind::v2h: v = e.v2h; break;
    case EnergyKind::a2h: v = e.a2h; break;
  }
  return v / source.unit_divisor;
}

}  // namespace jemhead::sim
