#!/usr/bin/env bash
# ./x demo: a simulated fleet of 3 meters (jemsim) and the daemon on SQLite, both on
# loopback, with a demo admin token. Ctrl-C stops both. State lives in var/demo/.
set -euo pipefail
BUILD="${1:?build dir}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/var/demo"
TOKEN="demo-token"
API_PORT="${JEMHEAD_DEMO_PORT:-8080}"
mkdir -p "$RUN"
rm -f "$RUN"/*.ready
rm -rf "$RUN/data"  # a fresh fleet each time: the demo meters come from this script

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$API_PORT" || API_PORT=0  # something else has 8080: take any free port
# jemsim must know where to send its alarms before jemhead starts: pick two free ports.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ALARM_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
METER_TOKEN="demo-meter-token"  # the secret in the meters' Post Address

cat >"$RUN/fleet.yaml" <<YAML
seed: 42
time_factor: 3600          # one simulated hour per real second: registers grow visibly
control: { listen: "127.0.0.1:0" }
meters:
  count: 3
  serial_base: 50000001
  modbus: { tcp: { listen: "127.0.0.1:0" } }   # each meter's Modbus TCP slave
  dlms: { tcp: { listen: "127.0.0.1:0" } }     # and DLMS server (wrapper, port 4059 on a real meter)
  load_profile: { profile1: { interval_minutes: 15 }, profile2: { interval_minutes: 5 } }
  pqdif: { mode: single, compressed: true, events_per_day: 48 }   # PQ events -> PQDIF files
  web: { listen: "127.0.0.1:0" }               # the meter's web server: /pqdif (user pq/pq)
  alarms:                                      # alarm notification, by web POST and e-mail
    web: { url: "http://127.0.0.1:$ALARM_PORT/ingest/web-alarm/$METER_TOKEN" }
    mail: { server: 127.0.0.1, port: $SMTP_PORT, from: "meter@demo.local",
            to: ["alarms@demo.local"], frequency_min: 15 }   # one mail per 15 meter-minutes
YAML

"$BUILD/sim/jemsim" --fleet "$RUN/fleet.yaml" --ready-file "$RUN/jemsim.ready" >"$RUN/jemsim.log" 2>&1 &
SIM=$!
HEAD=""
cleanup() { kill -TERM $SIM $HEAD 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 1 100); do
  [ -s "$RUN/jemsim.ready" ] && break
  kill -0 "$SIM" 2>/dev/null || { echo "jemsim failed, see $RUN/jemsim.log" >&2; exit 1; }
  sleep 0.1
done
# The port of meter N's web server (/pqdif), from jemsim's ready file.
web_port() {
  python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['pqdif']['meters']; print([x for x in m if x['serial']==sys.argv[2]][0]['web'].rsplit(':',1)[1])" \
    "$RUN/jemsim.ready" "$1"
}
# The TCP port jemsim gave meter N for a protocol (ephemeral ports, read from its ready file).
sim_port() {
  python3 -c "import json,sys; m=json.load(open(sys.argv[1]))[sys.argv[2]]['meters']; print([x for x in m if x['serial']==sys.argv[3]][0]['tcp'].rsplit(':',1)[1])" \
    "$RUN/jemsim.ready" "$1" "$2"
}

cat >"$RUN/jemhead.yaml" <<YAML
data_dir: $RUN/data
api:
  listen: ["127.0.0.1:$API_PORT"]
  tokens:
    - { name: demo-admin, role: admin, sha256: "$(printf %s "$TOKEN" | sha256sum | cut -c1-64)" }
logging: { format: text, level: info, file: "$RUN/jemhead.log" }
alarms:
  web:
    enabled: true
    listen: ["127.0.0.1:$ALARM_PORT"]
    senders:
      - { name: demo-meters, url_token_sha256: "$(printf %s "$METER_TOKEN" | sha256sum | cut -c1-64)",
          allow: ["127.0.0.1/32"] }
  mail: { enabled: true, listen: ["127.0.0.1:$SMTP_PORT"] }
fleet:
  groups:
    - name: demo
      description: "Simulated meters from jemsim"
      schedules:                       # the collection engine polls these on its own
        registers: { cron: "*/15 * * * * *" }
        status: { cron: "*/15 * * * * *" }
        instantaneous: { every_minutes: 1 }
        load_profile: { cron: "*/30 * * * * *" }
        clock_check: { every_minutes: 1 }
        pqdif: { cron: "*/30 * * * * *" }
  meters:
$(for i in 1 2 3; do cat <<M
    - serial: "5000000$i"
      name: "Demo meter $i"
      group: demo
      connections:
        - { name: modbus-tcp, protocol: modbus, transport: tcp, host: 127.0.0.1, port: $(sim_port modbus 5000000$i), default: true }
        - { name: dlms-tcp, protocol: dlms, transport: tcp, host: 127.0.0.1, port: $(sim_port dlms 5000000$i),
            options: { client: manager, password: ClientId1 } }
        - { name: pqdif-web, protocol: http, transport: tcp, host: 127.0.0.1, port: $(web_port 5000000$i),
            options: { username: pq, password: pq } }
M
done)
YAML

"$BUILD/service/jemhead" serve --config "$RUN/jemhead.yaml" --ready-file "$RUN/jemhead.ready" &
HEAD=$!

for _ in $(seq 1 200); do
  [ -s "$RUN/jemsim.ready" ] && [ -s "$RUN/jemhead.ready" ] && break
  kill -0 "$SIM" 2>/dev/null || { echo "jemsim failed, see $RUN/jemsim.log" >&2; exit 1; }
  kill -0 "$HEAD" 2>/dev/null || { echo "jemhead failed, see $RUN/jemhead.log" >&2; exit 1; }
  sleep 0.1
done
field() { python3 -c "import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v[0] if isinstance(v,list) else v)" "$1" "$2"; }
API="$(field "$RUN/jemhead.ready" api)"
SIMURL="$(field "$RUN/jemsim.ready" control)"

cat <<TXT

  jemhead is running on SQLite ($RUN/data), with 3 simulated meters on Modbus TCP and DLMS,
  collecting registers and status every 15 s, instantaneous values and the meter clocks
  every minute, both load profiles (DLMS) and the PQDIF files (HTTP) every 30 s. The meters
  push their alarms by web POST (port $ALARM_PORT) and e-mail (SMTP port $SMTP_PORT).

  REST API      $API/api/v1/meters        (token: $TOKEN, role admin)
  OpenAPI       $API/api/v1/openapi.yaml
  Health        $API/health
  Metrics       $API/metrics
  Simulator     $SIMURL/meters            (truth: $SIMURL/meters/50000001/truth)
  Logs          $RUN/jemhead.log, $RUN/jemsim.log

  Try:
    curl -s -H 'Authorization: Bearer $TOKEN' $API/api/v1/meters
    curl -s -X POST -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' \\
         -d '{"what":["registers","instantaneous","status"]}' $API/api/v1/meters/1/read
    curl -s -H 'Authorization: Bearer $TOKEN' $API/api/v1/meters/1/registers
    curl -s -H 'Authorization: Bearer $TOKEN' '$API/api/v1/meters/1/load-profile?profile=1&format=csv'
    curl -s -H 'Authorization: Bearer $TOKEN' $API/api/v1/meters/1/clock
    curl -s -H 'Authorization: Bearer $TOKEN' '$API/api/v1/pqdif?limit=5'    # PQDIF files, parsed
    curl -s -H 'Authorization: Bearer $TOKEN' '$API/api/v1/alarms?limit=5'   # pushed alarms
    curl -s -X POST -d '{"type":"BAT"}' $SIMURL/meters/50000001/alarms/trigger   # raise one
    curl -s -X POST -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' \\
         -d '{"force":true}' $API/api/v1/meters/1/clock/sync
    curl -s -H 'Authorization: Bearer $TOKEN' '$API/api/v1/jobs?limit=5'   # job history
    curl -s -H 'Authorization: Bearer $TOKEN' $API/api/v1/engine             # scheduler state
    curl -s -X POST -H 'Authorization: Bearer $TOKEN' $API/api/v1/collect    # run now, whole fleet
    curl -s $SIMURL/meters/50000001/modbus     # what the meter served (the truth)

  Ctrl-C stops both.
TXT
wait
