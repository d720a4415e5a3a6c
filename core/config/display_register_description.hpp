#pragma once
// The automatic description of a display register (L3018-L3026): what the meter shows when
// no custom description is set, built from the Default Register Abbreviation Definitions
// (L3034-L3134).
#include <string>

#include "core/config/display_registers.hpp"

namespace jemhead::config {

// At most 21 characters (L3020). Register category: "<type> <quantity> <phase>
// <direction> <TOU> <storage>" in the order the columns are filled in (the manual does not
// give the order), blank columns left out, e.g. "Cons WH P DE T Wk". Other categories: the
// item's name, e.g. "Present Time&Date", "VTHD odd A", "Status Input 3".
std::string auto_description(const DisplayRegister& r);

}  // namespace jemhead::config
