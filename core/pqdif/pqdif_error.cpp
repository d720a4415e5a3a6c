#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {
std::string located(const std::string& what, std::optional<std::size_t> record,
                    std::optional<std::uint64_t> offset) {
  std::string out = "PQDIF: " + what;
  if (record) out += " (record " + std::to_string(*record);
  if (offset) out += std::string(record ? ", " : " (") + "offset " + std::to_string(*offset);
  if (record || offset) out += ")";
  return out;
}
}  // namespace

PqdifError::PqdifError(const std::string& what, std::optional<std::size_t> record,
                       std::optional<std::uint64_t> offset)
    : std::runtime_error(located(what, record, offset)), record_(record), offset_(offset) {}

}  // namespace jemhead::pqdif
