#!/usr/bin/env bash
# The tuned hybrid (docs/predictive.md, "Goals, honestly"): on the traces with daily cycles, `tune --policies hybrid`
# (target tracking's target, the forecast's target, band level and horizon buffer, scale-down window; then cooldowns
# and rate policies) and the current tuner over target tracking, for start-ups of 300 s and 60 s; each winner replayed.
# Usage: scripts/predictive/tune-hybrid.sh [traces-dir] [out-dir] [start-ups]; needs the tool built:
#   dotnet build src/AutoScaling.Simulation.Tool -c Release
set -euo pipefail
cd "$(dirname "$0")/../.."
traces="${1:-../shared/traces}"
out="${2:-.run/predictive-tune}"
startups="${3:-300 60}"
mkdir -p "$out"
sim() { dotnet src/AutoScaling.Simulation.Tool/bin/Release/net10.0/autoscaling-sim.dll "$@"; }
declare -A capacity=([worldcup98_0625_0627_1min]=100 [wikipedia_all_2009_contiguous_1h]=250 [nasa_http_1995_1min]=0.25 [azure_llm_code_2023_1s]=2)
for startup in $startups; do
  for name in worldcup98_0625_0627_1min wikipedia_all_2009_contiguous_1h nasa_http_1995_1min azure_llm_code_2023_1s; do
    trace="$traces/$name.csv"
    [ -f "$trace" ] || { echo "skipped: $trace is absent" >&2; continue; }
    common=(--trace "$trace" --capacity "${capacity[$name]}" --max 50 --interval 60 --startup "$startup" --start-timeout 600)
    for policy in hybrid target-tracking; do
      # The hybrid only where there is a day to learn from (Azure's hour never leaves the warm-up).
      [ "$policy" = hybrid ] && [ "$name" = azure_llm_code_2023_1s ] && continue
      dir="$out/$name-$startup-$policy"
      mkdir -p "$dir"
      echo "### $name, start-up $startup s, tuned $policy"
      if sim tune "${common[@]}" --policies "$policy" --max-tau-u 1 --out "$dir/tuned.json" > "$dir/tune.txt" 2>"$dir/tune.err"; then
        grep '^winner\|configurations on' "$dir/tune.txt"
        sim simulate "${common[@]}" --config "$dir/tuned.json" --group web 2>/dev/null | tail -n 1 | sed "s/^| web /| tuned $policy /"
      else
        echo "tune: no configuration keeps τU within 1 %"
      fi
    done
  done
done
