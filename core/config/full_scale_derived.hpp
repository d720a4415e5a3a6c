#pragma once
// Full-scale power of what a load-profile channel or an energy pulse output measures, shared
// by load_profile_derived and input_output_derived. Full scale is "the user's input voltage,
// class current rating, and unity power factor" for watts and zero power factor for VARs
// (glossary L17626-L17634): the same V x I product, so watts, VARs and VA share the
// primary configuration's full-scale watts (primary_derived.hpp). Other quantities (amps,
// Q, squared quantities) have no full scale in the manual.
#include <optional>

#include "core/config/primary_derived.hpp"

namespace jemhead::config {

enum class FullScaleKind { watts, vars, va };

// Value of one "unit" of a Measurement Units setting, in base units.
inline double unit_scale_factor(UnitScale u) {
  switch (u) {
    case UnitScale::milli: return 1e-3;
    case UnitScale::units: return 1.0;
    case UnitScale::kilo: return 1e3;
    case UnitScale::mega: return 1e6;
    case UnitScale::giga: return 1e9;
  }
  return 1.0;
}

// The Measurement Units setting a quantity kind is expressed in (L2601-L2609, L13464-L13466).
inline UnitScale unit_scale_of(const PrimaryConfiguration& p, FullScaleKind k) {
  return k == FullScaleKind::vars ? p.measurement_units.vars_q : p.measurement_units.watts_va;
}

// Secondary full scale of all phases (polyphase) or of one phase. One phase is one element
// at nominal voltage and current; that is only defined where the full-scale factor counts
// line-neutral elements (3 or 2, primary_derived.cpp). For line-line services the manual
// does not say how a single phase counts: nullopt.
inline std::optional<double> full_scale_secondary(const PrimaryConfiguration& p, bool polyphase) {
  const double total = full_scale_watts_secondary(p);
  if (polyphase) return total;
  const double elements = full_scale_factor(p.connection_type);
  if (elements != 3.0 && elements != 2.0) return std::nullopt;
  return total / elements;
}

}  // namespace jemhead::config
