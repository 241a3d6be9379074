#!/usr/bin/env bash
# Starts ORS the way a new user does (npm start, embedded PostgreSQL, empty DATA_DIR), waits for
# /health to answer 200, then stops it with SIGTERM and checks that it shut down cleanly.
set -euo pipefail
data_dir=$(mktemp -d)
port=${SMOKE_PORT:-3917}
log=$(mktemp)
cleanup() { rm -rf "$data_dir" "$log"; }
trap cleanup EXIT

DATA_DIR="$data_dir" PORT="$port" setsid npm start >"$log" 2>&1 &
pid=$!
started=$(date +%s)
until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "npm start exited early:"; cat "$log"; exit 1; fi
  if [ $(( $(date +%s) - started )) -gt 180 ]; then echo "no healthy answer within 180 s:"; cat "$log"; kill "$pid"; exit 1; fi
  sleep 0.5
done
echo "healthy after $(( $(date +%s) - started )) s: $(curl -fsS "http://127.0.0.1:$port/health")"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "the client page is not served"; exit 1; }
# npm start runs the server as a child: signal the whole process group, as a terminal's Ctrl-C would.
kill -TERM -- "-$pid"
# npm may exit before its child: wait for the server and its PostgreSQL alike.
for _ in $(seq 60); do
  { kill -0 "$pid" 2>/dev/null || pgrep -f "postgres -D $data_dir" >/dev/null; } || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then echo "the server did not stop within 30 s"; cat "$log"; exit 1; fi
if pgrep -f "postgres -D $data_dir" >/dev/null; then echo "the embedded PostgreSQL is still running after 30 s"; cat "$log"; exit 1; fi
echo "stopped cleanly"
