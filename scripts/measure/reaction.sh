#!/usr/bin/env bash
# Measures the autoscaler's reaction to a load step, 5 runs per set-up, on the shared dockerd, a real haproxy and a real
# prometheus (tests/AutoScaling.Host.Tests/Measurements/ReactionMeasurements, opt-in): step → first request answered by
# a new container, split into metric delay, decision, container start and registration.
# usage: scripts/measure/reaction.sh [FILTER]   FILTER: HAProxyStats_at_250_ms | Prometheus_at_1_s (default both)
#   AUTOSCALING_MEASURE_CHECK_MS=100  haproxy's check interval for new servers (default: the router's 1 s)
# Prints the reports; writes reaction-haproxystats.md and reaction-prometheus.md to AUTOSCALING_RUN_DIR (default .run/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export AUTOSCALING_RUN_DIR="${AUTOSCALING_RUN_DIR:-$root/.run}"
mkdir -p "$AUTOSCALING_RUN_DIR"
filter="FullyQualifiedName~Measurements.ReactionMeasurements${1:+.$1}"
AUTOSCALING_MEASURE=1 nice -n 19 dotnet test "$root/tests/AutoScaling.Host.Tests" -c Release --filter "$filter" \
  --logger "console;verbosity=detailed"
