#include "sim/load_profile/lp_channels.hpp"

#include <cmath>

#include "drivers/protocol/dlms/cosem/object_list.hpp"

namespace jemhead::sim {

namespace {

namespace cosem = dlms::cosem;
using cosem::Direction;
using cosem::Kind;
using cosem::Phase;
using cosem::Quantity;

// Register column / phase index: A, B, C, polyphase (3); -1 for other phases.
int column_of(Phase p) {
  switch (p) {
    case Phase::a: return 0;
    case Phase::b: return 1;
    case Phase::c: return 2;
    case Phase::polyphase: return kPoly;
    default: return -1;
  }
}

bool directional(Direction d) {
  return d == Direction::delivered || d == Direction::received || d == Direction::net ||
         d == Direction::absolute;
}

bool is_quadrant(Direction d) {
  return d == Direction::q1 || d == Direction::q2 || d == Direction::q3 || d == Direction::q4;
}

int quadrant_index(Direction d) {
  return static_cast<int>(d) - static_cast<int>(Direction::q1);
}

// Empty when computable, else the reason.
std::string consumption_problem(const cosem::CosemObject& o) {
  const int col = column_of(o.phase);
  switch (o.quantity) {
    case Quantity::active:
    case Quantity::apparent_arithmetic:
    case Quantity::apparent_vectorial:
    case Quantity::q:
      return col >= 0 && directional(o.direction) ? "" : "unsupported phase or direction";
    case Quantity::reactive:
      return col >= 0 && (directional(o.direction) || is_quadrant(o.direction))
                 ? ""
                 : "unsupported phase or direction";
    case Quantity::amps:
    case Quantity::amps_squared:
    case Quantity::volts_squared_ln:
      return col >= 0 ? "" : "the simulator has no register for this phase";
    default: return "the simulator does not model this quantity";
  }
}

std::string average_problem(const cosem::CosemObject& o) {
  const int col = column_of(o.phase);
  const bool phase_or_avg = (col >= 0 && col < kPhases) || o.phase == Phase::average;
  switch (o.quantity) {
    case Quantity::active:
    case Quantity::apparent_arithmetic:
    case Quantity::apparent_vectorial:
    case Quantity::q:
      return col >= 0 && (directional(o.direction) || o.direction == Direction::bidirectional)
                 ? ""
                 : "unsupported phase or direction";
    case Quantity::reactive:
      return col >= 0 && (directional(o.direction) || o.direction == Direction::bidirectional ||
                          is_quadrant(o.direction))
                 ? ""
                 : "unsupported phase or direction";
    case Quantity::power_factor_arithmetic:
    case Quantity::power_factor_vectorial:
      return col >= 0 && o.direction == Direction::bidirectional
                 ? ""
                 : "only the BiDir (signed) power factor is simulated";
    case Quantity::volts_ln:
    case Quantity::volts_ll:
    case Quantity::volts_squared_ln:
    case Quantity::volts_squared_ll: return phase_or_avg ? "" : "unsupported phase";
    case Quantity::amps:
    case Quantity::amps_squared:
      return col >= 0 || o.phase == Phase::neutral ? "" : "unsupported phase";
    case Quantity::frequency: return "";
    default: return "the simulator does not model this quantity";
  }
}

double directed(double delivered, double received, Direction d) {
  switch (d) {
    case Direction::delivered: return delivered;
    case Direction::received: return received;
    case Direction::net: return delivered - received;
    case Direction::absolute: return delivered + received;
    default: return 0;
  }
}

// A signed instantaneous value split like the registers: delivered = positive part,
// received = negative part, bidirectional = signed, absolute = magnitude.
double signed_split(double x, Direction d) {
  switch (d) {
    case Direction::delivered: return x > 0 ? x : 0;
    case Direction::received: return x < 0 ? -x : 0;
    case Direction::bidirectional:
    case Direction::net: return x;
    case Direction::absolute: return std::fabs(x);
    default: return 0;
  }
}

// A magnitude whose direction is that of the active power (VA, part7 §6.2).
double by_active_direction(double magnitude, double watts, Direction d) {
  return signed_split(watts >= 0 ? magnitude : -magnitude, d);
}

double mean_over_measured(const Instantaneous& v, double (*f)(const PhaseValues&)) {
  double sum = 0;
  int n = 0;
  for (const auto& p : v.phase)
    if (p.measured) {
      sum += f(p);
      ++n;
    }
  return n ? sum / n : 0;
}

}  // namespace

std::variant<LpChannel, std::string> resolve_lp_channel(const cosem::Obis& obis) {
  std::size_t rows = 0;
  const cosem::CosemObject* entry = nullptr;
  for (const auto& o : cosem::lp_measurements())
    if (o.obis == obis) {
      ++rows;
      entry = &o;
    }
  if (rows == 0) return std::string("not in the manual's Table 2 of load-profile measurements");
  if (rows > 1)
    return std::string("the manual gives this code to two quantities (Table 2 collision)");
  LpChannel c{obis, entry, LpSource::zero};
  std::string problem;
  switch (entry->kind) {
    case Kind::interval_consumption:
      c.source = LpSource::consumption;
      problem = consumption_problem(*entry);
      break;
    case Kind::interval_average:
      c.source = LpSource::average;
      problem = average_problem(*entry);
      break;
    case Kind::status_word: c.source = LpSource::zero; break;
    default: problem = "the simulator does not model status inputs or pulse counters"; break;
  }
  if (!problem.empty()) {
    std::string out(entry->description);
    out += ": ";
    out += problem;
    return out;
  }
  return c;
}

double lp_register_value(const LpChannel& c, const EnergyRegisters& r) {
  const auto& o = *c.entry;
  const int col = column_of(o.phase);
  const PhaseEnergy& p = r.phase[static_cast<std::size_t>(col)];
  switch (o.quantity) {
    case Quantity::active: return directed(p.wh_delivered, p.wh_received, o.direction);
    case Quantity::reactive:
      if (is_quadrant(o.direction))
        return p.varh_quadrant[static_cast<std::size_t>(quadrant_index(o.direction))];
      return directed(p.varh_delivered, p.varh_received, o.direction);
    case Quantity::apparent_arithmetic:
      return directed(p.vah_delivered, p.vah_received, o.direction);
    case Quantity::apparent_vectorial:
      // One phase's vectorial VA is its V x I, the arithmetic value.
      if (col == kPoly)
        return directed(r.vah_vectorial_delivered, r.vah_vectorial_received, o.direction);
      return directed(p.vah_delivered, p.vah_received, o.direction);
    case Quantity::q: return directed(p.qh_delivered, p.qh_received, o.direction);
    case Quantity::amps: return p.ah;
    case Quantity::amps_squared: return p.a2h;
    case Quantity::volts_squared_ln: return p.v2h;
    default: return 0;
  }
}

double lp_sample_value(const LpChannel& c, const Instantaneous& v) {
  const auto& o = *c.entry;
  const int col = column_of(o.phase);
  const bool poly = col == kPoly;
  const PhaseValues& p = v.phase[static_cast<std::size_t>(col >= 0 && col < kPhases ? col : 0)];
  const TotalValues& t = v.total;
  const double watts = poly ? t.watts : p.watts;
  switch (o.quantity) {
    case Quantity::active: return signed_split(watts, o.direction);
    case Quantity::reactive: {
      const double vars = poly ? t.vars : p.vars;
      if (is_quadrant(o.direction))
        return quadrant(watts, vars) == quadrant_index(o.direction) + 1 ? std::fabs(vars) : 0;
      return signed_split(vars, o.direction);
    }
    case Quantity::apparent_arithmetic:
      return by_active_direction(poly ? t.va_arithmetic : p.va, watts, o.direction);
    case Quantity::apparent_vectorial:
      return by_active_direction(poly ? t.va_vectorial : p.va, watts, o.direction);
    case Quantity::q: return signed_split(poly ? t.q : p.q, o.direction);
    case Quantity::power_factor_arithmetic:
      return poly ? t.power_factor_arithmetic : p.power_factor;
    case Quantity::power_factor_vectorial: return poly ? t.power_factor_vectorial : p.power_factor;
    case Quantity::frequency: return v.frequency;
    case Quantity::volts_ln: return o.phase == Phase::average ? t.volts_average : p.volts;
    case Quantity::volts_squared_ln:
      if (o.phase == Phase::average)
        return mean_over_measured(v, [](const PhaseValues& x) { return x.volts * x.volts; });
      return p.volts * p.volts;
    case Quantity::volts_ll:
    case Quantity::volts_squared_ll: {
      const bool squared = o.quantity == Quantity::volts_squared_ll;
      // Three-element services report AB, BC, CA; two-element services measure line-to-line
      // voltages on their elements already.
      if (!v.has_line_to_line) {
        if (o.phase == Phase::average)
          return squared
                     ? mean_over_measured(v, [](const PhaseValues& x) { return x.volts * x.volts; })
                     : t.volts_average;
        return squared ? p.volts * p.volts : p.volts;
      }
      if (o.phase == Phase::average) {
        double sum = 0;
        for (double ll : v.volts_line_to_line) sum += squared ? ll * ll : ll;
        return sum / kPhases;
      }
      const double ll = v.volts_line_to_line[static_cast<std::size_t>(col)];
      return squared ? ll * ll : ll;
    }
    case Quantity::amps:
      if (o.phase == Phase::neutral) return t.amps_neutral;
      return poly ? t.amps_average : p.amps;
    case Quantity::amps_squared:
      if (o.phase == Phase::neutral) return t.amps_neutral * t.amps_neutral;
      if (poly) {
        double sum = 0;
        for (const auto& x : v.phase) sum += x.amps * x.amps;
        return sum;
      }
      return p.amps * p.amps;
    default: return 0;
  }
}

double lp_primary_factor(const LpChannel& c, double pt, double ct) {
  switch (c.entry->quantity) {
    case Quantity::active:
    case Quantity::reactive:
    case Quantity::apparent_arithmetic:
    case Quantity::apparent_vectorial:
    case Quantity::q: return pt * ct;
    case Quantity::amps: return ct;
    case Quantity::amps_squared: return ct * ct;
    case Quantity::volts_ln:
    case Quantity::volts_ll: return pt;
    case Quantity::volts_squared_ln:
    case Quantity::volts_squared_ll: return pt * pt;
    default: return 1;
  }
}

}  // namespace jemhead::sim
