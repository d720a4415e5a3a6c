#include "core/config/primary_rules.hpp"

#include <algorithm>
#include <array>

#include "core/config/field_visitor.hpp"
#include "core/config/number_text.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

namespace {
using C = ConnectionType;
// Form 5 serves delta, open delta, 3-wire wye and network (L6926-L6931); forms 6 and 9
// serve 4-wire wye (L6926). 4-wire delta on form 9 and the 2 1/2 element wye on form 6,
// and the forms 8/36/45 rows, come from ANSI C12.10 (the pull-down is a screenshot).
constexpr std::array kThreeWire{C::three_wire_delta, C::three_wire_open_delta,
                                C::three_wire_network, C::three_wire_wye};
constexpr std::array kForm6{C::four_wire_wye, C::four_wire_wye_2_5_element};
constexpr std::array kForm8{C::four_wire_delta};
constexpr std::array kForm9{C::four_wire_wye, C::four_wire_delta};
}  // namespace

std::span<const ConnectionType> connection_types_for(MeterForm form) {
  switch (form) {
    case MeterForm::f5:
    case MeterForm::f45: return kThreeWire;
    case MeterForm::f6:
    case MeterForm::f36: return kForm6;
    case MeterForm::f8: return kForm8;
    case MeterForm::f9: return kForm9;
  }
  return {};
}

VoltageBasis default_voltage_basis(ConnectionType c) {
  switch (c) {
    case C::three_wire_delta:
    case C::three_wire_open_delta:
    case C::three_wire_wye: return VoltageBasis::line_line;
    case C::three_wire_network:
    case C::four_wire_wye:
    case C::four_wire_wye_2_5_element:
    case C::four_wire_delta: return VoltageBasis::line_neutral;
  }
  return VoltageBasis::line_neutral;
}

void check_connection_type_for_form(const PrimaryConfiguration& p, const std::string& path,
                                    Problems& out) {
  const auto allowed = connection_types_for(p.form);
  if (std::find(allowed.begin(), allowed.end(), p.connection_type) != allowed.end()) return;
  std::string msg = "form ";
  msg += to_text(p.form);
  msg += " allows: ";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i) msg += ", ";
    msg += to_text(allowed[i]);
  }
  report(out, kConnectionTypeForForm, child_path(path, "connection_type"), std::move(msg));
}

// "as many L-L connection types don't have a neutral connection, you won't be able to
// change the default L-L to L-N" (L2573-L2575).
void check_pq_voltage_basis(const PrimaryConfiguration& p, const std::string& path, Problems& out) {
  if (default_voltage_basis(p.connection_type) == VoltageBasis::line_line &&
      p.pq_voltage_measurement == VoltageBasis::line_neutral) {
    std::string msg = "connection type ";
    msg += to_text(p.connection_type);
    msg += " measures L-L and has no neutral: L-N is not allowed";
    report(out, kPqVoltageBasis, child_path(path, "pq_voltage_measurement"), std::move(msg));
  }
}

// Class amps is "the maximum current for which a meter is specified to operate within its
// accuracy rating" (glossary L17534-L17536), so a nominal current above it is a typo.
void check_nominal_current_within_class(const PrimaryConfiguration& p, const std::string& path,
                                        Problems& out) {
  if (p.nominal_current_secondary <= p.class_amps) return;
  std::string msg = "nominal current ";
  msg += format_number(p.nominal_current_secondary);
  msg += " A exceeds class ";
  msg += std::to_string(p.class_amps);
  msg += " A";
  report(out, kNominalCurrentWithinClass, child_path(path, "nominal_current_secondary"),
         std::move(msg));
}

// Segments split the current range "0 to 1 Amp, 1 to 2 Amps, ..." (L2660-L2661): each
// upper bound must lie above the previous one or a segment would be empty.
void check_current_segments_ascending(const PrimaryConfiguration& p, const std::string& path,
                                      Problems& out) {
  const auto base = child_path(path, "gain_correction");
  const std::array<std::pair<const char*, const PhaseGainCorrection*>, 3> phases{
      {{"phase_a", &p.gain_correction.phase_a},
       {"phase_b", &p.gain_correction.phase_b},
       {"phase_c", &p.gain_correction.phase_c}}};
  for (const auto& [name, phase] : phases) {
    const auto& segs = phase->current_segments;
    for (std::size_t i = 1; i < segs.size(); ++i) {
      if (segs[i].up_to_amps > segs[i - 1].up_to_amps) continue;
      std::string msg = "must be above the previous segment's ";
      msg += format_number(segs[i - 1].up_to_amps);
      msg += " A";
      const auto list = child_path(child_path(base, name), "current_segments");
      report(out, kCurrentSegmentsAscending, child_path(item_path(list, i), "up_to_amps"),
             std::move(msg));
    }
  }
}

void check_primary_rules(const PrimaryConfiguration& p, const std::string& path, Problems& out) {
  check_connection_type_for_form(p, path, out);
  check_pq_voltage_basis(p, path, out);
  check_nominal_current_within_class(p, path, out);
  check_current_segments_ascending(p, path, out);
}

}  // namespace jemhead::config
