#!/usr/bin/env bash
# Measures the autoscaler's CPU and RSS while it manages N in-memory groups at a 1 s interval (3 instances each).
# usage: scripts/host/measure.sh [BINARY] [GROUPS] [SECONDS] [PORT]
#   BINARY   the native binary (default .run/host/autoscaler, from ./build.sh host)   GROUPS  200   SECONDS  60   PORT 19798
# Prints: CPU in % of one core over SECONDS (after 10 s of warm-up), RSS and peak RSS, active instances (from /metrics).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${1:-$root/.run/host/autoscaler}"
groups="${2:-200}"
seconds="${3:-60}"
port="${4:-19798}"
work="$(mktemp -d)"
config="$work/autoscaler.json"
{
  printf '{ "Logging": { "LogLevel": { "Default": "Warning" } },\n'
  printf '  "Host": { "Urls": "http://127.0.0.1:%s", "ControlApi": { "AllowAnonymous": true } },\n' "$port"
  printf '  "AutoScaling": { "MaxConcurrentOperations": 64, "Groups": {\n'
  for i in $(seq 1 "$groups"); do
    [ "$i" -gt 1 ] && printf ',\n'
    printf '    "g%04d": { "MinInstances": 1, "MaxInstances": 5, "Interval": "00:00:01",' "$i"
    printf ' "Metrics": { "rps": { "Type": "InMemory", "Value": 250 } }, "Instances": { "Type": "InMemory", "StartupDelay": "00:00:00.200" },'
    printf ' "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ] }'
  done
  printf '\n  } } }\n'
} > "$config"

"$binary" --config "$config" > "$work/run.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
sleep 10
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
c0=$(cpu); t0=$(date +%s%N)
sleep "$seconds"
c1=$(cpu); t1=$(date +%s%N)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
active=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^autoscaling_group_instances\{/ && /state="active"/ { s += $2 } END { print s + 0 }')
awk -v c="$((c1 - c0))" -v hz="$ticks" -v ns="$((t1 - t0))" -v rss="$rss" -v peak="$peak" -v g="$groups" -v a="$active" 'BEGIN {
  printf "%d groups: CPU %.2f %% of one core over %.1f s; RSS %.1f MB (peak %.1f MB); %d active instances\n", g, c / hz / (ns / 1e9) * 100, ns / 1e9, rss / 1024, peak / 1024, a }'
