#pragma once
// Cross-field rules of PRIMARY CONFIGURATION, each with its name and manual reference.
#include <span>
#include <string>

#include "core/config/config_problem.hpp"
#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

inline constexpr RuleRef kConnectionTypeForForm{"connection_type_for_form",
                                                "L2508-L2512, L6926-L6931"};
inline constexpr RuleRef kPqVoltageBasis{"pq_voltage_basis", "L2563-L2575, L2635-L2649"};
inline constexpr RuleRef kNominalCurrentWithinClass{"nominal_current_within_class",
                                                    "L2540-L2546, L17534-L17536"};
inline constexpr RuleRef kCurrentSegmentsAscending{"current_segments_ascending", "L2660-L2661"};

std::span<const ConnectionType> connection_types_for(MeterForm form);
// The basis each connection type measures PQ voltage in by default (L2635-L2649).
VoltageBasis default_voltage_basis(ConnectionType c);

void check_connection_type_for_form(const PrimaryConfiguration& p, const std::string& path,
                                    Problems& out);
void check_pq_voltage_basis(const PrimaryConfiguration& p, const std::string& path, Problems& out);
void check_nominal_current_within_class(const PrimaryConfiguration& p, const std::string& path,
                                        Problems& out);
void check_current_segments_ascending(const PrimaryConfiguration& p, const std::string& path,
                                      Problems& out);

void check_primary_rules(const PrimaryConfiguration& p, const std::string& path, Problems& out);

}  // namespace jemhead::config
