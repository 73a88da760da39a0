#!/usr/bin/env bash
# Where the wall time of a cold `jetsam compile samples/demo` goes, from kernel tracepoints (no
# change to the program): exec to fork, the sandboxed child from fork to its result, and from the
# child's result to exit, each a median over RUNS runs; `mruby -e 1` from exec to exit beside it.
#   bench/cold_timeline.sh BUILD_DIR [RUNS]      (RUNS defaults to 200; needs perf and python3)
# Tracing adds a little to each event; compare the parts, and `bench/cold_start.sh` for totals.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
runs=${2:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
events=sched:sched_process_exec,sched:sched_process_fork,syscalls:sys_enter_write,syscalls:sys_enter_exit_group
cat >"$out/jetsam.sh" <<SH
for i in \$(seq $runs); do "$build/jetsam" compile "$here/samples/demo" --facts "$here/samples/facts.yml" >/dev/null; done
SH
cat >"$out/mruby.sh" <<SH
for i in \$(seq $runs); do mruby -e 1 >/dev/null; done
SH
for name in jetsam mruby; do
  perf record -q -o "$out/$name.data" -e "$events" -- bash "$out/$name.sh" >/dev/null 2>&1
  perf script -i "$out/$name.data" -F comm,pid,time,event,trace >"$out/$name.txt" 2>/dev/null
done
python3 - "$out" <<'PY'
import re, statistics, sys
out = sys.argv[1]
def timeline(path, comm):
    runs, child = {}, {}
    for line in open(path):
        m = re.match(r'\s*(\S+)\s+(\d+)\s+([\d.]+):\s+(\S+):\s*(.*)', line)
        if not m:
            continue
        name, pid, t, event, rest = m.group(1), int(m.group(2)), float(m.group(3)) * 1000, m.group(4), m.group(5)
        if event == 'sched:sched_process_exec':
            if name == comm:
                runs[pid] = {'exec': t}
            continue
        if event == 'sched:sched_process_fork' and pid in runs:
            child[int(re.search(r'child_pid=(\d+)', rest).group(1))] = pid
            runs[pid].setdefault('fork', t)
        elif event.endswith('sys_enter_exit_group') and pid in runs:
            runs[pid].setdefault('exit', t)
        elif event.endswith('sys_enter_write') and pid in child:
            runs[child[pid]].setdefault('result', t)
    return [r for r in runs.values() if 'exit' in r]
def row(label, values):
    print('  %-46s %7.3f ms  (p25 %.3f, p75 %.3f)' % (label, statistics.median(values),
          *statistics.quantiles(values, n=4)[0::2]))
j = timeline(out + '/jetsam.txt', 'jetsam')
m = timeline(out + '/mruby.txt', 'mruby')
print('%d runs each, medians from exec' % len(j))
print('jetsam compile samples/demo --facts samples/facts.yml')
whole = [r for r in j if 'fork' in r and 'result' in r]
row('exec -> fork (start-up, read, facts)', [r['fork'] - r['exec'] for r in whole])
row('fork -> child result (evaluation)', [r['result'] - r['fork'] for r in whole])
row('child result -> exit (decode, compile, emit)', [r['exit'] - r['result'] for r in whole])
row('exec -> exit', [r['exit'] - r['exec'] for r in j])
print('mruby -e 1')
row('exec -> exit', [r['exit'] - r['exec'] for r in m])
print('ratio of the medians, exec -> exit: %.2fx' % (statistics.median([r['exit'] - r['exec'] for r in j]) /
                                                   statistics.median([r['exit'] - r['exec'] for r in m])))
PY
