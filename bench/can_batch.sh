#!/usr/bin/env bash
# Whole-process throughput of `jetsam can --batch`: N questions (10,000 by default) on
# samples/demo, a mix of roles, actions, resources and request contexts, answered as JSON Lines
# against one evaluation of the checkout. Prints the median of RUNS runs and questions per second.
#   bench/can_batch.sh BUILD_DIR [N] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [N] [RUNS]" >&2
  exit 2
fi
bin="$1/jetsam"
n=${2:-10000}
runs=${3:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

questions=(
  '{"role":"lambda","action":"dynamodb:PutItem","resource":"arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders"}'
  '{"role":"lambda","action":"dynamodb:DeleteTable","resource":"arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders"}'
  '{"role":"lambda","action":"s3:GetObject","resource":"arn:aws:s3:::demo-dev-s3bucket-1x2y3z4w5v6u/uploads/a.png"}'
  '{"role":"lambda","action":"s3:PutObject","resource":"arn:aws:s3:::other-bucket/x","context":{"aws:SourceIp":"203.0.113.7"}}'
  '{"role":"lambda","action":"s3:ListBucket","resource":"arn:aws:s3:::*"}'
  '{"role":"lambda","action":"sqs:SendMessage","resource":"arn:aws:sqs:us-west-2:111122223333:demo-dev-jobs"}'
  '{"role":"lambda","action":"ses:SendEmail","resource":"*"}'
  '{"role":"codebuild","action":"iam:PassRole","resource":"arn:aws:iam::111122223333:role/deployer"}'
  '{"role":"ci","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/deployer","context":{"aws:MultiFactorAuthPresent":null}}'
  '{"role":"codebuild","action":"logs:PutLogEvents"}'
)
for ((i = 0; i < n; i++)); do echo "${questions[i % ${#questions[@]}]}"; done >"$work/q.jsonl"

run() { "$bin" can --batch "$work/q.jsonl" "$here/samples/demo" --facts "$here/samples/facts.yml" >"$work/out" 2>/dev/null || true; }
run
lines=$(wc -l <"$work/out")
if [[ "$lines" != "$n" ]]; then
  echo "expected $n answers, got $lines" >&2
  exit 1
fi
times=()
for _ in $(seq "$runs"); do
  start=$EPOCHREALTIME
  run
  end=$EPOCHREALTIME
  times+=($(( ${end/./} - ${start/./} )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
awk -v us="$median" -v n="$n" -v runs="$runs" -v bytes="$(wc -c <"$work/out")" 'BEGIN {
  printf "can --batch: %d questions in %.1f ms (median of %d whole-process runs), %.0f questions/s, %.1f MB of answers\n",
         n, us / 1000, runs, n / (us / 1e6), bytes / 1e6 }'
