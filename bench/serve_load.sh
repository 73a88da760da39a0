#!/usr/bin/env bash
# Load on `jetsam serve` over loopback with wrk (Debian: apt-get install wrk), load generator on the
# same machine. Prints, for each scenario, requests/s, p99 latency and errors:
#   1. cached GET /v1/roles (the answer comes from the result cache)
#   2. fresh evaluations (Cache-Control: no-cache: every request evaluates, compiles and emits)
#   3. cached requests while a worker spins on an endless-loop config (env=loop, 3 s limit)
#   4. resident memory of the server and its workers before and after 100,000 requests
# usage: bench/serve_load.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
build=${1:-build}
secs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jetsam=$build/jetsam
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

"$jetsam" serve "$root/tests/fixtures/serve-hostile" --listen 127.0.0.1:0 --facts "$root/samples/facts.yml" \
  >"$work/out" 2>/dev/null &
server=$!
for _ in $(seq 200); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.05; done
addr=$(sed -n 's/.*listening on //p' "$work/out")
url="http://$addr/v1/roles"
sleep 0.5  # the first evaluation (readyz)

cat >"$work/fresh.lua" <<'LUA'
wrk.headers["Cache-Control"] = "no-cache"
LUA
cat >"$work/summary.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("  %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d errors\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end
LUA
cat "$work/fresh.lua" "$work/summary.lua" >"$work/fresh_summary.lua"

rss() {  # the server's and its workers' resident memory, in KiB
  local total=0
  for p in $server $(pgrep -P $server); do total=$((total + $(awk '/VmRSS/{print $2}' /proc/$p/status))); done
  echo $total
}

echo "1. cached GET /v1/roles (wrk -t2 -c16, ${secs}s)"
wrk -t2 -c16 -d"${secs}s" -s "$work/summary.lua" "$url" | tail -1
echo "2. fresh evaluations (Cache-Control: no-cache; wrk -t1 -c4, ${secs}s)"
wrk -t1 -c4 -d"${secs}s" -s "$work/fresh_summary.lua" "$url" | tail -1
echo "3. cached GET /v1/roles while a worker spins on env=loop (wrk -t2 -c16, ${secs}s)"
( end=$((SECONDS + secs)); while [ $SECONDS -lt $end ]; do
    wrk -t1 -c1 -d4s -s "$work/fresh.lua" "http://$addr/v1/roles?env=loop" >/dev/null 2>&1 || true; done ) &
spinner=$!
sleep 0.5
wrk -t2 -c16 -d"${secs}s" -s "$work/summary.lua" "$url" | tail -1
kill $spinner 2>/dev/null || true
wait $spinner 2>/dev/null || true
echo "4. resident memory over at least 100,000 cached requests (wrk -t2 -c16, 10s)"
before=$(rss)
wrk -t2 -c16 -d10s -s "$work/summary.lua" "$url" | tail -1
after=$(rss)
echo "  server + workers: ${before} KiB before, ${after} KiB after"
