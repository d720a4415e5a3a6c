#pragma once
// Numbers in problem messages: shortest text that reads back to the same value ("0.01",
// "20", "1000000"), not printf's "0.010000".
#include <string>

namespace jemhead::config {

std::string format_number(double v);

}  // namespace jemhead::config
