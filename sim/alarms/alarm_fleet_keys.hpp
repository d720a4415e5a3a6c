#pragma once
// The fleet file's `alarms:` key (docs/simulator.md, "Alarms"), per meter or as a default
// under `meters:`; a meter's keys apply over the inherited ones, section by section:
//
//   alarms:
//     enabled: true
//     events: [OU, SS, PQ, RE, BAT, TS, CFG, PQD]   # the ones that notify
//     source: JEMStarII                           # Notification Details
//     owner: Ametek
//     latitude: 0.0
//     longitude: 0.0
//     identification: {"MV 90 Meter ID": "X1"}    # default: the meter's own fields
//     web:
//       url: http://127.0.0.1:8080/ingest/web-alarm   # Post Address
//       timeout_s: 30                 # 1..300
//       style: documented             # or sample (the manual's samples)
//       user: meter                   # Basic authentication (simulator only)
//       password: secret
//       certificate: disable          # Request Certificate: disable | enable | mandatory
//       ca_file: /path/ca.pem         # Base Certificate
//       client_cert: /path/c.pem      # simulator only, with client_key
//       client_key: /path/k.pem
//       user_agent: curl/7.68.0
//     mail:
//       server: 127.0.0.1
//       port: 25
//       username: meter               # AUTH when given
//       password: secret
//       starttls: none                # none | try | required (simulator only)
//       ca_file: /path/ca.pem         # verify the server (simulator only)
//       from: meter@example.com
//       to: [ops@example.com]         # 1 to 8
//       frequency_min: 0              # 0..60 (meter minutes)
//       attach_pqdif: true
//       timeout_s: 60
//       style: documented
//
// Compiled into jemhead_sim (the fleet parser reads it); the notifiers are jemhead_sim_alarms.
#include <memory>

#include "sim/alarms/alarm_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

// Reads `alarms` from `parent` if present; `spec` holds the inherited default (or null)
// and is replaced by one with the keys given here applied (null after `enabled: false`).
void read_alarm_settings(YamlFields& parent, std::shared_ptr<const AlarmSpec>& spec);

}  // namespace jemhead::sim
