#pragma once
// The fleet file's DLMS keys (docs/simulator.md, "DLMS server"), per meter or as a default
// under `meters:`:
//
//   dlms:
//     tcp: { listen: "127.0.0.1:0" }
//     physical_address: 100                 # 16..16381
//     passwords: { reader: "ClientId2", manager: "ClientId1" }
//     max_pdu_size: 512                     # 64..65535
//     inactivity_timeout_s: 60              # 0 = off
//     hdlc:                                 # HDLC on a pty of its own (all keys optional)
//       baud: 9600
//       link: "/tmp/jemsim-{serial}.tty"    # a symlink to the pty
//       max_info: 128                       # 32..2014
//       inactivity_timeout_s: 120           # 0 = off
//       inter_frame_timeout_ms: 1000        # 20..6000
//     hdlc_tcp:                             # HDLC frames over TCP (all keys optional)
//       listen: "127.0.0.1:0"
//       max_info: 128                       # 32..2014
//       inactivity_timeout_s: 120           # 0 = off
//       inter_frame_timeout_ms: 1000        # 20..6000
//
// Compiled into jemhead_sim (the fleet parser reads them); the server is jemhead_sim_dlms.
#include <memory>

#include "sim/dlms/server_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

// Reads `dlms:` from `parent` if present. `spec` holds the inherited default (or null) and
// is replaced by a new spec with the keys given here applied over it.
void read_dlms_settings(YamlFields& parent, std::shared_ptr<const DlmsServerSpec>& spec);

}  // namespace jemhead::sim
