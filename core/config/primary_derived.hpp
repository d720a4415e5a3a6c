#pragma once
// Values the Primary Configuration screen shows greyed out: computed, never typed
// (manual L2483-L2485). Formulas and the manual lines they rest on are in the .cpp.
#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

double vt_ratio(const PrimaryConfiguration& p);
double ct_ratio(const PrimaryConfiguration& p);
// VT ratio x CT ratio (L2536-L2538).
double transformer_factor(const PrimaryConfiguration& p);
// What multiplies Vnom x Inom to give full-scale watts for a connection type.
double full_scale_factor(ConnectionType c);
double full_scale_watts_secondary(const PrimaryConfiguration& p);
double full_scale_watts_primary(const PrimaryConfiguration& p);

}  // namespace jemhead::config
