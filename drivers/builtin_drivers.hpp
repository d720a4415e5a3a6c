#pragma once
// The protocol drivers compiled into jemhead, registered in one place so the daemon and
// the tests get the same set.
#include "drivers/driver.hpp"

namespace jemhead::drivers {

void register_builtin_drivers(DriverRegistry& registry);

}  // namespace jemhead::drivers
