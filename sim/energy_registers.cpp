#include "sim/energy_registers.hpp"

#include <cmath>

namespace jemhead::sim {

int quadrant(double watts, double vars) {
  if (vars >= 0) return watts > 0 || (watts == 0 && vars == 0) ? 1 : 2;
  return watts < 0 ? 3 : 4;
}

namespace {

// One column's directional accumulators for a state (P, Q, VA) held for `hours`.
void add_directional(PhaseEnergy& e, double p, double q, double va, double hours) {
  if (p >= 0) {
    e.wh_delivered += p * hours;
    e.vah_delivered += va * hours;
  } else {
    e.wh_received -= p * hours;
    e.vah_received += va * hours;
  }
  if (q >= 0)
    e.varh_delivered += q * hours;
  else
    e.varh_received -= q * hours;
  e.varh_quadrant[quadrant(p, q) - 1] += std::fabs(q) * hours;
  const double qq = q_from(p, q);
  if (qq >= 0)
    e.qh_delivered += qq * hours;
  else
    e.qh_received -= qq * hours;
}

}  // namespace

void EnergyRegisters::accumulate(const ElementSample& s, double seconds) {
  const double hours = seconds / 3600.0;
  double p_total = 0, q_total = 0, va_total = 0;
  PhaseEnergy& poly = phase[kPoly];
  for (int ph = 0; ph < kPhases; ++ph) {
    const double va = s.volts[ph] * s.amps[ph];
    PhaseEnergy& e = phase[ph];
    add_directional(e, s.watts[ph], s.vars[ph], va, hours);
    e.ah += s.amps[ph] * hours;
    e.v2h += s.volts[ph] * s.volts[ph] * hours;
    e.a2h += s.amps[ph] * s.amps[ph] * hours;
    poly.ah += s.amps[ph] * hours;
    poly.v2h += s.volts[ph] * s.volts[ph] * hours;
    poly.a2h += s.amps[ph] * s.amps[ph] * hours;
    p_total += s.watts[ph];
    q_total += s.vars[ph];
    va_total += va;
  }
  add_directional(poly, p_total, q_total, va_total, hours);
  const double va_vectorial = std::hypot(p_total, q_total);
  if (p_total >= 0)
    vah_vectorial_delivered += va_vectorial * hours;
  else
    vah_vectorial_received += va_vectorial * hours;
}

EnergyRegisters EnergyRegisters::to_primary(double pt_ratio, double ct_ratio) const {
  const double k = pt_ratio * ct_ratio;
  EnergyRegisters out = *this;
  for (auto& e : out.phase) {
    for (double* v : {&e.wh_delivered, &e.wh_received, &e.varh_delivered, &e.varh_received,
                      &e.vah_delivered, &e.vah_received, &e.qh_delivered, &e.qh_received})
      *v *= k;
    for (double& v : e.varh_quadrant) v *= k;
    e.ah *= ct_ratio;
    e.v2h *= pt_ratio * pt_ratio;
    e.a2h *= ct_ratio * ct_ratio;
  }
  out.vah_vectorial_delivered *= k;
  out.vah_vectorial_received *= k;
  return out;
}

}  // namespace jemhead::sim
