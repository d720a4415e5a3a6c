#include "drivers/protocol/dlms/cosem/object_list.hpp"

namespace jemhead::dlms::cosem {

std::vector<const CosemObject*> find_all_objects(const Obis& obis) {
  std::vector<const CosemObject*> out;
  for (const auto& o : meter_objects())
    if (o.obis == obis) out.push_back(&o);
  for (const auto& o : lp_measurements())
    if (o.obis == obis) out.push_back(&o);
  return out;
}

}  // namespace jemhead::dlms::cosem
