#pragma once
// The route table, one function per resource family. Roles: viewer reads; operator
// creates and updates meters, groups and connections and deletes connections; admin
// deletes meters and groups and reads the audit log (the same table is in openapi.yaml).
#include "api/handler_support.hpp"

namespace jemhead::api {

void add_system_routes(Router& router, ApiContext& ctx);  // health, metrics, openapi, audit
void add_meter_routes(Router& router, ApiContext& ctx);
void add_group_routes(Router& router, ApiContext& ctx);
void add_connection_routes(Router& router, ApiContext& ctx);
// Meter I/O (issue 3): read now + stored registers/instantaneous/status (viewer reads,
// operator reads now); presets and outputs (operator, audited).
void add_meter_read_routes(Router& router, ApiContext& ctx);
void add_meter_write_routes(Router& router, ApiContext& ctx);
// Collection engine (issue 4): job history (viewer), run now (operator, audited), status.
void add_job_routes(Router& router, ApiContext& ctx);
void add_engine_routes(Router& router, ApiContext& ctx);
// Load profile and clock (issue 5): stored LP as JSON/CSV and clock readings (viewer);
// clock sync now (operator, audited).
void add_load_profile_routes(Router& router, ApiContext& ctx);
void add_clock_routes(Router& router, ApiContext& ctx);
// Stored log entries (viewer).
void add_event_routes(Router& router, ApiContext& ctx);
// Stored PQDIF files (issue 6): list, metadata, download (viewer); upload (operator, audited).
void add_pqdif_routes(Router& router, ApiContext& ctx);
// Their parsed observations and series values, optionally thinned for plotting (viewer);
// added by add_pqdif_routes.
void add_pqdif_observation_routes(Router& router, ApiContext& ctx);
// Pushed alarms (issue 7): list, quarantine, received messages (viewer); acknowledge
// (operator, audited). Also adds add_webhook_routes.
void add_alarm_routes(Router& router, ApiContext& ctx);
// Outbound webhooks: subscriptions (viewer reads, admin writes, audited), deliveries and
// dead letters (viewer), retry of a dead delivery (operator, audited).
void add_webhook_routes(Router& router, ApiContext& ctx);
// Meter configuration (issue 8): current version, versions, diff, overrides, schema
// (viewer reads and validates; operator writes, audited). Also adds the group template
// and YAML/XML export/import routes below.
void add_config_routes(Router& router, ApiContext& ctx);
void add_config_template_routes(Router& router, ApiContext& ctx);
void add_config_format_routes(Router& router, ApiContext& ctx);
// Configuration pushes and read-backs (issue 8): operator pushes, viewer reads.
void add_config_push_routes(Router& router, ApiContext& ctx);

}  // namespace jemhead::api
