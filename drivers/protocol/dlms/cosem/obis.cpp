#include "drivers/protocol/dlms/cosem/obis.hpp"

namespace jemhead::dlms::cosem {

std::string Obis::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (i != 0) out += '.';
    out += std::to_string(bytes_[i]);
  }
  return out;
}

std::string Obis::to_reduced() const {
  return std::to_string(a()) + '-' + std::to_string(b()) + ':' + std::to_string(c()) + '.' +
         std::to_string(d()) + '.' + std::to_string(e()) + '*' + std::to_string(f());
}

}  // namespace jemhead::dlms::cosem
