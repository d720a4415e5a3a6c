#pragma once
// The meter's web server users (part4 §1): HTTP Basic credentials checked against the
// configured users, and the 'Read Power Quality' right PQDIF retrieval needs.
#include <string_view>

#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

// The user an "Authorization: Basic ..." header names with the right password, or null.
const WebUser* authenticate(const WebServerSpec& spec, std::string_view authorization);

}  // namespace jemhead::sim
