#!/usr/bin/env bash
# Load on `jetsam serve` over loopback with wrk (Debian: apt-get install wrk), load generator on the
# same machine. Prints, for each scenario, requests/s, p99 latency and errors:
#   1. cached GET /v1/roles (the answer comes from the result cache)
#   2. fresh evaluations (Cache-Control: no-cache: every request evaluates, compiles and emits)
#   3. cached requests, then fresh evaluations, while a worker spins on an endless-loop config
#      (env=loop, 3 s limit)
#   4. resident memory of the server and its workers before and after 100,000 requests
# Each figure is printed with the 1-minute load average when it was taken: on a shared machine
# other processes' CPU shows up in the p99 (measure several times; trust the quiet runs).
# wrk's threads and connections for the cached scenarios: WRK_THREADS (default 2) and
# WRK_CONNECTIONS (default 16). On 2 cores the load generator shares the CPU with the server's two
# io threads, so both numbers move the p99 as much as the server does: say which were used.
# usage: bench/serve_load.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
build=${1:-build}
secs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jetsam=$build/jetsam
threads=${WRK_THREADS:-2}
conns=${WRK_CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 2; }
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
  local load = io.open("/proc/loadavg"):read("*n")
  io.write(string.format("  %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d errors (load average %.2f)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, load))
end
LUA
cat "$work/fresh.lua" "$work/summary.lua" >"$work/fresh_summary.lua"

rss() {  # the server's and its workers' resident memory, in KiB
  local total=0
  for p in $server $(pgrep -P $server); do total=$((total + $(awk '/VmRSS/{print $2}' /proc/$p/status))); done
  echo $total
}

echo "1. cached GET /v1/roles (wrk -t$threads -c$conns, ${secs}s)"
wrk -t$threads -c$conns -d"${secs}s" -s "$work/summary.lua" "$url" | tail -1
echo "2. fresh evaluations (Cache-Control: no-cache; wrk -t1 -c4, ${secs}s)"
wrk -t1 -c4 -d"${secs}s" -s "$work/fresh_summary.lua" "$url" | tail -1
echo "3. while a worker spins on env=loop: cached GET /v1/roles (wrk -t$threads -c$conns, ${secs}s), then fresh evaluations (wrk -t1 -c2, ${secs}s)"
# One endless loop at a time: each request waits for its 504 before the next is sent (a client
# that gives up earlier, as wrk -d4s did, leaves its evaluation spinning until the CPU limit, and
# the next one made two workers spin).
( end=$((SECONDS + 2 * secs + 1)); while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -m 60 -H 'Cache-Control: no-cache' "http://$addr/v1/roles?env=loop" || true; done ) &
spinner=$!
sleep 0.5
wrk -t$threads -c$conns -d"${secs}s" -s "$work/summary.lua" "$url" | tail -1
wrk -t1 -c2 -d"${secs}s" -s "$work/fresh_summary.lua" "$url" | tail -1
kill $spinner 2>/dev/null || true
wait $spinner 2>/dev/null || true
echo "4. resident memory over at least 100,000 cached requests (wrk -t$threads -c$conns, 10s)"
before=$(rss)
wrk -t$threads -c$conns -d10s -s "$work/summary.lua" "$url" | tail -1
after=$(rss)
echo "  server + workers: ${before} KiB before, ${after} KiB after"
