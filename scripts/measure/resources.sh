#!/usr/bin/env bash
# Measures the autoscaler's CPU and RSS over 60 s of steady state:
#  1. managing 10 containers on the shared dockerd behind a real haproxy, at a 1 s interval, with the HAProxyStats and
#     the Prometheus metric (tests/AutoScaling.Host.Tests/Measurements/ResourceMeasurements, opt-in);
#  2. with 200 in-memory groups at a 1 s interval (scripts/host/measure.sh) on BINARY: the native AOT binary from
#     ./build.sh host (.run/host/autoscaler) when it exists, else the framework-dependent build of the tests.
# usage: scripts/measure/resources.sh [containers|groups|all] [BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export AUTOSCALING_RUN_DIR="${AUTOSCALING_RUN_DIR:-$root/.run}"
mkdir -p "$AUTOSCALING_RUN_DIR"
what="${1:-all}"
if [ "$what" = containers ] || [ "$what" = all ]; then
  AUTOSCALING_MEASURE=1 nice -n 19 dotnet test "$root/tests/AutoScaling.Host.Tests" -c Release \
    --filter "FullyQualifiedName~Measurements.ResourceMeasurements" --logger "console;verbosity=detailed"
fi
if [ "$what" = groups ] || [ "$what" = all ]; then
  binary="${2:-$AUTOSCALING_RUN_DIR/host/autoscaler}"
  if [ ! -x "$binary" ]; then
    binary="$root/tests/AutoScaling.Host.Tests/bin/Release/net10.0/autoscaler"
    [ -x "$binary" ] || nice -n 19 dotnet build "$root/tests/AutoScaling.Host.Tests" -c Release >/dev/null
    echo "no native binary (./build.sh host): measuring the framework-dependent build $binary"
  fi
  bash "$root/scripts/host/measure.sh" "$binary" 200 60 17490 | tee "$AUTOSCALING_RUN_DIR/resources-200-groups.txt"
fi
