#!/usr/bin/env bash
# The phases of a cold `jetsam compile samples/demo --facts samples/facts.yml` in both processes,
# the parent and its sandboxed child, from uprobes on the build's own functions: when each phase
# starts (median ms from exec, over RUNS runs) and how many page faults each process takes in it;
# then where the child's evaluation goes (the time inside installing the runtime, parsing and
# running the config files, building Jets' defaults and capturing the settings).
# bench/cold_timeline.sh gives the three big parts without uprobes; this splits the child.
#   bench/cold_phases.sh BUILD_DIR [RUNS]      (RUNS defaults to 100)
# Needs root (tracefs uprobes), perf, nm, readelf and python3, and an executable with symbols.
# Each uprobe costs a trap of its own: compare phases, not totals (bench/cold_wall.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
bin=$(cd "$1" && pwd)/jetsam
runs=${2:-100}
tracefs=/sys/kernel/tracing
[[ -w $tracefs/uprobe_events ]] || tracefs=/sys/kernel/debug/tracing
if [[ ! -w $tracefs/uprobe_events ]]; then
  echo "$0: no writable uprobe_events under /sys/kernel/tracing (run as root)" >&2
  exit 1
fi
out=$(mktemp -d)
group=jetsam_phases
probes=()
cleanup() {
  for p in "${probes[@]}"; do echo "-:$group/$p" >>"$tracefs/uprobe_events" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT

# A function's file offset: its address less its LOAD segment's address, plus the segment's offset.
nm -C "$bin" >"$out/symbols"
readelf -lW "$bin" | awk '$1 == "LOAD" {print $2, $3, $5}' >"$out/segments"
probe() {  # NAME SYMBOL-REGEX [ret]
  local addr
  addr=$(grep -E " [Tt] $2" "$out/symbols" | grep -v '\[clone' | head -1 | cut -d' ' -f1)
  if [[ -z $addr ]]; then
    echo "$0: no symbol matches $2 in $bin" >&2
    exit 1
  fi
  local a=$((16#$addr)) offset="" file vaddr
  while read -r file vaddr _; do
    (( a >= vaddr )) && offset=$(printf '0x%x' $((a - vaddr + file)))
  done <"$out/segments"
  local kind=p
  [[ ${3:-} == ret ]] && kind=r
  echo "$kind:$group/$1 $bin:$offset" >>"$tracefs/uprobe_events"
  probes+=("$1")
}
probe main 'main$'
probe child_prepare 'jetsam::\(anonymous namespace\)::PrepareEarlyChild\(\)'
probe child_sandbox 'jetsam::vm::EnterSandbox\('
probe child_ready 'jetsam::vm::EnterSandbox\(' ret
probe input_sent 'jetsam::vm::Standby::Run\('
probe child_input 'jetsam::\(anonymous namespace\)::EvaluateInput\('
probe child_runtime 'jetsam::eval::InstallRuntime\('
probe child_defaults 'jetsam::eval::ConfigObject\('
probe child_capture 'jetsam::eval::CaptureObject\('
probe child_encode 'jetsam::eval::EncodeOutcome'
probe child_send 'jetsam::vm::SendResultAndExit\('
probe decode 'jetsam::eval::DecodeOutcome\('
probe compile 'jetsam::Compile\('
# Entered and returned: the time inside (outermost calls only, summed over a run).
probe in_runtime 'jetsam::eval::InstallRuntime\('
probe out_runtime 'jetsam::eval::InstallRuntime\(' ret
probe in_files 'jetsam::vm::Vm::ParseAndRun\('
probe out_files 'jetsam::vm::Vm::ParseAndRun\(' ret
probe in_running 'jetsam::vm::Vm::RunCompiled\('
probe out_running 'jetsam::vm::Vm::RunCompiled\(' ret
probe in_defaults 'jetsam::eval::ConfigObject\('
probe out_defaults 'jetsam::eval::ConfigObject\(' ret
probe in_capture 'jetsam::eval::CaptureObject\('
probe out_capture 'jetsam::eval::CaptureObject\(' ret

cat >"$out/run.sh" <<SH
for i in \$(seq $runs); do "$bin" compile "$here/samples/demo" --facts "$here/samples/facts.yml" >/dev/null; done
SH
perf record -q -o "$out/perf.data" -e "$group:*" -e sched:sched_process_exec -e sched:sched_process_fork \
  -e sched:sched_process_exit -e exceptions:page_fault_user -a -- bash "$out/run.sh" >/dev/null 2>&1
perf script -i "$out/perf.data" -F comm,pid,time,event,trace >"$out/events.txt" 2>/dev/null
python3 - "$out/events.txt" "$group" <<'PY'
import collections, re, statistics, sys
path, group = sys.argv[1], sys.argv[2]
runs, owner = [], {}  # owner: pid -> (run, 'parent' or 'child')
for line in open(path):
    m = re.match(r'\s*(\S+)\s+(\d+)\s+([\d.]+):\s+(\S+):\s*(.*)', line)
    if not m:
        continue
    comm, pid, t, event, rest = m.group(1), int(m.group(2)), float(m.group(3)) * 1000, m.group(4), m.group(5)
    if event == 'sched:sched_process_exec':
        if comm == 'jetsam':
            run = {'t0': t, 'first': {}, 'phase': {}, 'faults': collections.Counter(),
                   'inside': collections.Counter(), 'depth': collections.Counter(), 'entered': {}}
            runs.append(run)
            owner[pid] = (run, 'parent')
            run['phase']['parent'] = 'exec'
            run['first']['exec'] = 0.0
        continue
    if pid not in owner:
        continue
    run, who = owner[pid]
    if event == 'sched:sched_process_fork':
        child = int(re.search(r'child_pid=(\d+)', rest).group(1))
        if 'fork' not in run['first']:
            owner[child] = (run, 'child')
            run['phase']['child'] = 'fork'
            run['first']['fork'] = t - run['t0']
        continue
    if event == 'sched:sched_process_exit':
        name = who + '_exit'
    elif event == 'exceptions:page_fault_user':
        run['faults'][(who, run['phase'].get(who, '?'))] += 1
        continue
    elif event.startswith(group + ':'):
        name = event.split(':', 1)[1]
        if name[:3] in ('in_', 'out'):
            part = name.split('_', 1)[1]
            if name.startswith('in_'):
                if run['depth'][part] == 0:
                    run['entered'][part] = t
                run['depth'][part] += 1
            elif run['depth'][part] > 0:
                run['depth'][part] -= 1
                if run['depth'][part] == 0:
                    run['inside'][part] += t - run['entered'][part]
            continue
    else:
        continue
    run['first'].setdefault(name, t - run['t0'])
    run['phase'][who] = name
whole = [r for r in runs if 'parent_exit' in r['first'] and 'child_send' in r['first']]
if not whole:
    sys.exit('no complete run was traced')
names = collections.Counter(n for r in whole for n in r['first'])
order = sorted((n for n in names if names[n] == len(whole)), key=lambda n: statistics.median(r['first'][n] for r in whole))
print('%d runs, medians; ms from exec, then the page faults each process takes from there to its next event' % len(whole))
print('  %-16s %8s  %7s  %7s' % ('event', 'ms', 'parent', 'child'))
for n in order:
    t = statistics.median(r['first'][n] for r in whole)
    fp = statistics.median(r['faults'][('parent', n)] for r in whole)
    fc = statistics.median(r['faults'][('child', n)] for r in whole)
    print('  %-16s %8.3f  %7s  %7s' % (n, t, '%g' % fp if fp else '', '%g' % fc if fc else ''))
inside = [('runtime', 'installing the runtime (InstallRuntime)'),
          ('files', 'parsing and running the config files (ParseAndRun)'),
          ('running', '  of which running them (RunCompiled)'),
          ('defaults', '    of which building Jets\' defaults (ConfigObject)'),
          ('capture', 'capturing the settings (CaptureObject)')]
print('the child, from its input to its result: %.3f ms; inside it (ms, summed per run):' %
      statistics.median(r['first']['child_encode'] - r['first']['child_input'] for r in whole))
for part, label in inside:
    print('  %-56s %6.3f' % (label, statistics.median(r['inside'][part] for r in whole)))
print('  page faults in all: parent %g, child %g' % (
    statistics.median(sum(v for (w, _), v in r['faults'].items() if w == 'parent') for r in whole),
    statistics.median(sum(v for (w, _), v in r['faults'].items() if w == 'child') for r in whole)))
PY
