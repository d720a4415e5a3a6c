#pragma once
// Export and import of a configuration document as YAML (yaml-cpp) and XML (libxml2), with the same
// section and field names as the JSON document (which follow the manual's labels). The vendor
// tool's own .xml format is not documented (manual L759-L761); these files make no claim
// to be compatible with it. Import applies the same reading and validation as JSON.
#include <string>
#include <string_view>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::string to_yaml(const MeterConfiguration& c);
ReadResult from_yaml_text(std::string_view text);

// <meter_configuration version="1"><hardware><standard>ansi</standard>...; list entries
// are repeated <item> elements; every leaf carries its JSON type so import is exact.
std::string to_xml(const MeterConfiguration& c);
ReadResult from_xml_text(std::string_view text);

}  // namespace jemhead::config
