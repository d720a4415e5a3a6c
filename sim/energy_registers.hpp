#pragma once
// Energy accumulators by phase, direction and quadrant, in secondary units (Wh, VARh,
// VAh, Qh, Ah, V^2h, A^2h). Direction follows the manual's DLMS table (part7 §6.2):
// delivered active = quadrants I+IV (P >= 0), received = II+III; delivered reactive =
// I+II (Q >= 0), received = III+IV. Every accumulator holds a non-negative magnitude.
//
// The polyphase column is metered from the polyphase totals, as a meter does: when one
// phase exports while the others import, polyphase delivered Wh is not the sum of the
// phases' delivered Wh, but polyphase net (delivered - received) is the sum of the phases'
// net.
#include <array>

#include "sim/metrology.hpp"

namespace jemhead::sim {

struct PhaseEnergy {
  double wh_delivered = 0, wh_received = 0;
  double varh_delivered = 0, varh_received = 0;
  std::array<double, 4> varh_quadrant{};       // Q1..Q4
  double vah_delivered = 0, vah_received = 0;  // arithmetic VA, split by P direction
  double qh_delivered = 0, qh_received = 0;
  double ah = 0, v2h = 0, a2h = 0;
};

inline constexpr int kPoly = 3;  // index of the polyphase column

struct EnergyRegisters {
  std::array<PhaseEnergy, 4> phase{};                              // A, B, C, polyphase
  double vah_vectorial_delivered = 0, vah_vectorial_received = 0;  // polyphase only

  // Adds `seconds` of the constant state `s`.
  void accumulate(const ElementSample& s, double seconds);
  // The same registers in primary units: energies x PT x CT, Ah x CT, V^2h x PT^2,
  // A^2h x CT^2.
  EnergyRegisters to_primary(double pt_ratio, double ct_ratio) const;
};

// 1 = quadrant I ... 4 = quadrant IV; boundaries go to the quadrant that is counter-
// clockwise from them (P = 0, Q > 0 is II; P > 0, Q = 0 is I).
int quadrant(double watts, double vars);

}  // namespace jemhead::sim
