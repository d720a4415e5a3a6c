#pragma once
// The fleet file's `pqdif: push:` key (docs/simulator.md, "Pushing PQDIF files"), per meter
// or under the `meters:` default; a meter's keys apply over the inherited ones:
//
//   push:
//     enabled: true                  # the manual's Remote File Transfer on/off
//     protocol: scp                  # scp (sent over SFTP) | ftp
//     host: 127.0.0.1                # Host IP (a literal address)
//     port: 22                       # simulator only; 22 for scp, 21 for ftp
//     username: meter
//     password: secret               # or private_key_file: /path/key (scp only)
//     directory: /srv/drop           # simulator only; empty = the login directory
//     delete_after_send: false       # Delete PQDIF Files after sent
//     upload_then_rename: false      # simulator only: NAME.part, then rename
//     retry_initial_ms: 1000         # simulator only: backoff after a failed send,
//     retry_max_ms: 60000            #   doubling up to this
//
// Compiled into jemhead_sim with the other pqdif keys.
#include <optional>

#include "sim/pqdif/push/push_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

// Reads `push` from `parent` if present, over `push` (the inherited value or nullopt);
// `enabled: false` leaves nullopt.
void read_push_settings(YamlFields& parent, std::optional<PqdifPushSpec>& push);

}  // namespace jemhead::sim
