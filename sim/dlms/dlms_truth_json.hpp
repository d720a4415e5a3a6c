#pragma once
// The truth of a meter's DLMS server as JSON (GET /meters/{serial}/dlms): its endpoint and
// clients, the values it would serve now (clock attribute 2 as COSEM date-time, registers
// with value, scaler and unit) and its counters; and the fleet's endpoints (GET /dlms, the
// ready file's "dlms"). docs/simulator.md describes the fields.
#include <boost/json/object.hpp>

#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/dlms_service.hpp"

namespace jemhead::sim {

boost::json::object dlms_truth_json(const dlms_server::DlmsMeterServer& server,
                                    const dlms_server::DlmsSnapshot& snapshot,
                                    const DlmsEndpointInfo& endpoint);
boost::json::object dlms_endpoints_json(const DlmsService& service);
// The injected fault (GET/POST /meters/{serial}/dlms/faults): {"drop_after_blocks", "times"},
// both 0 when none is armed.
boost::json::object dlms_fault_json(const dlms_server::DlmsFault& fault);

}  // namespace jemhead::sim
