#!/usr/bin/env bash
# The project's entry point. On a fresh Debian 12 machine with only the .NET SDK:
#   ./build.sh run     runs the main job: the quickstart sample on the in-memory default (ends by itself)
#   ./build.sh test    installs and starts what the tests need (dockerd, haproxy, prometheus), runs every test,
#                      stops what it started, and prints "N passed, N failed, N skipped"
#   ./build.sh setup   only installs and starts the test components
#   ./build.sh bench   runs the BenchmarkDotNet benchmarks (results under benchmarks/AutoScaling.Benchmarks/results)
#   ./build.sh simulate [trace.csv] [options]  replays the policies on a shared trace (default: the World Cup 98 trace in
#                      ../shared/traces) with the simulation tool; table on stdout, report under .run/simulation
#   ./build.sh host    publishes the ready-made autoscaler with native AOT to .run/host/autoscaler and, when dockerd
#                      answers, builds its FROM-scratch image autoscaler:local (docs/host.md)
#   ./build.sh demo [--duration 3m] [--rate 30]  the whole stack on loopback (dockerd, haproxy, prometheus, the autoscaler
#                      over busybox containers) under a load profile, with a live view; stops everything it started on
#                      exit, Ctrl-C or SIGTERM (docs/demo.md)
#   ./build.sh mutate  mutation testing of the decision core (Stryker.NET, stryker-config.json); reports under
#                      .run/mutation/<time>; fails when the score is under the config's thresholds.break
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AUTOSCALING_RUN_DIR="${AUTOSCALING_RUN_DIR:-$PWD/.run}"
mkdir -p "$AUTOSCALING_RUN_DIR/cleanup.d"

teardown() {
  # Each setup script that started something left a script here that stops exactly that (by pid or id).
  local f dir="${1:-$AUTOSCALING_RUN_DIR}"
  for f in "$dir"/cleanup.d/*.sh; do
    [ -e "$f" ] || continue
    bash "$f" || echo "warning: cleanup $f failed" >&2
    rm -f "$f"
  done
}

setup() {
  local s
  for s in scripts/setup/*.sh; do
    [ -e "$s" ] || continue
    echo "== setup: $s"
    bash "$s"
  done
}

run_tests() {
  local log="$AUTOSCALING_RUN_DIR/test.log" rc=0 project
  : > "$log"
  dotnet build AutoScaling.sln -c Release -warnaserror 2>&1 | tail -n 3
  # One project at a time: the adapter suites drive real dockerd / haproxy / prometheus and a load test,
  # which should not compete for this machine's two cores.
  for project in tests/*.Tests/*.Tests.csproj; do
    echo "== test: $project"
    set +e
    dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
    set -e
  done
  # The failed tests with their first lines of error, last, so that a short tail of the log still names them.
  awk '/^ +Failed [A-Za-z_]/ { n = 12; print "FAILED:" substr($0, index($0, "Failed") + 6) ; next }
       n > 0 && /^ +(Error Message|Stack Trace):/ { if ($1 == "Stack") { n = 0; next } }
       n > 0 { print "   " $0; n-- }' "$log" | tail -n 60
  # One plain closing line over all test projects.
  awk '/^Total tests: / { summary = 1 }
       summary && /^ +Passed: [0-9]+/ { p += $2 }
       summary && /^ +Failed: [0-9]+/ { f += $2 }
       summary && /^ +Skipped: [0-9]+/ { s += $2 }
       /^ +Total time:/ { summary = 0 }
       END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
  return $rc
}

run_mutation() {
  # Stryker.NET as a local tool (.config/dotnet-tools.json); it mutates src/AutoScaling.Core's Decision/ and
  # Policies/ (stryker-config.json) and runs tests/AutoScaling.Core.Tests with per-test coverage.
  local out="$AUTOSCALING_RUN_DIR/mutation/$(date -u +%Y%m%dT%H%M%SZ)" rc=0
  mkdir -p "$out"
  dotnet tool restore >/dev/null
  set +e
  (cd tests/AutoScaling.Core.Tests &&
    dotnet dotnet-stryker --config-file ../../stryker-config.json --output "$out") 2>&1 | tee "$out/stryker.log"
  rc=${PIPESTATUS[0]}
  set -e
  # Stryker printed "The final mutation score is N %" above (not when it failed early); per file: the HTML/JSON report.
  grep -q "final mutation score" "$out/stryker.log" || echo "no mutation score: Stryker failed, see $out/stryker.log" >&2
  echo "reports (html, json): $(find "$out" -name 'mutation-report.*' -printf '%h\n' | sort -u | head -n 1)"
  return "$rc"
}

run_demo() {
  # The demo's setup registers its clean-ups under its own run dir, so that on exit it stops what it started (a dockerd
  # it had to start) and leaves alone what ./build.sh setup started earlier.
  local dir="$AUTOSCALING_RUN_DIR/demo" s pid rc
  mkdir -p "$dir/cleanup.d"
  trap "teardown '$dir'" EXIT
  for s in scripts/setup/docker.sh scripts/setup/haproxy.sh scripts/setup/prometheus.sh; do
    AUTOSCALING_RUN_DIR="$dir" bash "$s" >/dev/null
  done
  dotnet build tools/AutoScaling.Demo -c Release -warnaserror -v q -nologo >"$dir/build.log" 2>&1 ||
    { tail -n 20 "$dir/build.log" >&2; return 1; }
  # In the background so that this shell can pass Ctrl-C and SIGTERM on; the demo stops its own stack on either
  # (as SIGTERM: a background process of a script starts with SIGINT ignored). A run killed with SIGKILL leaves its
  # stack.json in its dir; the next run stops what it names (docs/demo.md, "Stopping, and the bounds").
  tools/AutoScaling.Demo/bin/Release/net10.0/autoscaling-demo --run-dir "$dir/$(date -u +%Y%m%dT%H%M%SZ)" "$@" &
  pid=$!
  trap "kill -TERM $pid 2>/dev/null || true" INT TERM
  while :; do
    rc=0
    wait "$pid" || rc=$?
    if [ "$rc" -gt 128 ]; then # the wait was interrupted by a signal: the demo is still stopping
      kill -0 "$pid" 2>/dev/null && continue
      rc=0
      wait "$pid" || rc=$?
    fi
    return "$rc"
  done
}

case "${1:-}" in
  run)
    dotnet run --project samples/Quickstart -c Release
    ;;
  test)
    trap teardown EXIT
    setup
    run_tests
    ;;
  setup)
    setup
    echo "Components started; stop them with: ./build.sh teardown"
    ;;
  teardown)
    teardown
    ;;
  bench)
    shift
    dotnet run --project benchmarks/AutoScaling.Benchmarks -c Release -- "${@:---filter *}"
    ;;
  simulate)
    shift
    trace="${1:-${AUTOSCALING_TRACES:-../shared/traces}/worldcup98_0625_0627_1min.csv}"
    [ $# -gt 0 ] && shift
    dotnet run --project src/AutoScaling.Simulation.Tool -c Release -- compare --trace "$trace" --capacity 100 --max 50 \
      --out "$AUTOSCALING_RUN_DIR/simulation" "$@"
    ;;
  mutate)
    run_mutation
    ;;
  demo)
    shift
    run_demo "$@"
    ;;
  host)
    dotnet publish src/AutoScaling.Host -c Release -o "$AUTOSCALING_RUN_DIR/host" -warnaserror
    if docker version >/dev/null 2>&1; then
      bash scripts/docker/host-image/build.sh "$AUTOSCALING_RUN_DIR/host" autoscaler:local
    else
      echo "dockerd does not answer: image not built (./build.sh setup starts it)"
    fi
    ;;
  *)
    echo "usage: ./build.sh run|test|setup|teardown|bench|simulate|mutate|host|demo" >&2
    exit 2
    ;;
esac
