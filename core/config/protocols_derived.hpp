#pragma once
// What the manual computes for PROTOCOL SETUP beyond the analog point decoding of
// analog_scaling.hpp: the largest straight scale factor a 16-bit DNP analog object holds
// with the "32 Bit Method" (L12375-L12383).
#include <boost/json/object.hpp>
#include <optional>

#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

// "the maximum 16-bit value that can be stored is 32,767 ... if the maximum secondary watts =
// 3,600 Watts, your maximum scale factor is 9" (L12377-L12383); scale factors run to 1,000
// (L12377). nullopt for a maximum that is not positive.
std::optional<int> dnp_16_bit_straight_max_scale_factor(double max_secondary);

// The maximum above at the primary configuration's full-scale secondary watts.
boost::json::object protocols_derived_json(const PrimaryConfiguration& p);

}  // namespace jemhead::config
