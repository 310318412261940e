#!/usr/bin/env bash
# Measures the launcher's start-up with and without its class-data-sharing archive (docs/benchmarks.md,
# "Start-up: class-data sharing").
# Usage: bench/startup.sh setup|compare [RUNS]
#   setup    copies the jar to $WORK/mcpwatch.jar (the archive is written next to it), writes $WORK/init.yaml
#            (mcpwatch init) and $WORK/10k/mcpwatch.yaml (the same with 1,250 apps: 10,000 alarms, port 18797),
#            then runs the service on it until its first commit after a minute boundary and stops it (SIGTERM),
#            so `status` has a database of 10,000 alarms
#   compare  hyperfine (RUNS, default 7, one warm-up) of ./mcpwatch --version, validate -c init.yaml,
#            status -c 10k/mcpwatch.yaml --app app0007, and a backtest of $CORPUS (default
#            /tmp/perf/c256.jsonl, bench/backtest.sh corpus) with $BT (default /tmp/perf/bt.yaml),
#            each with MCPWATCH_CDS=off and with the archive (written first, in the foreground)
# Environment: WORK (default /tmp/mcpwatch-bench/startup), JAR (default mcpwatch-cli/target/mcpwatch.jar);
#   the java on PATH is the one measured.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/mcpwatch-bench/startup}"
cmd="${1:-}"; shift || true
runs="${1:-7}"
mkdir -p "$work"
export MCPWATCH_JAR="$work/mcpwatch.jar"
echo "# $(date -u +%FT%TZ) $cmd; nproc $(nproc); $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
case "$cmd" in
  setup)
    cp "${JAR:-$here/mcpwatch-cli/target/mcpwatch.jar}" "$MCPWATCH_JAR"
    java -jar "$MCPWATCH_JAR" init "$work/init.yaml" >/dev/null
    mkdir -p "$work/10k"
    python3 - "$work/init.yaml" "$work/10k/mcpwatch.yaml" <<'PY'
import sys
apps = ", ".join(f"app{i:04d}" for i in range(1250))
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        out.write("apps: [" + apps + "]\n" if line.startswith("apps: ") else line.replace("127.0.0.1:8787", "127.0.0.1:18797"))
PY
    (cd "$work/10k" && exec java -Xmx256m -jar "$MCPWATCH_JAR" run -c mcpwatch.yaml > run.log 2>&1) &
    pid=$!
    until (cd "$work/10k" && java -jar "$MCPWATCH_JAR" status -c mcpwatch.yaml --app app0007 2>/dev/null \
        | grep -q 'last commit #[2-9]'); do
      sleep 5
    done
    kill -TERM "$pid"; wait "$pid" || true
    (cd "$work/10k" && java -jar "$MCPWATCH_JAR" status -c mcpwatch.yaml --app app0007 | head -3)
    ;;
  compare)
    l="$here/mcpwatch"
    MCPWATCH_CDS=now "$l" --version >/dev/null
    ls -l "$work"/mcpwatch-cds-*.jsa
    cd "$work/10k"
    hyperfine -N -w 1 -r "$runs" --export-json "$work/compare.json" --export-markdown "$work/compare.md" \
      -n "version, no archive" "env MCPWATCH_CDS=off $l --version" \
      -n "version, archive" "$l --version" \
      -n "validate, no archive" "env MCPWATCH_CDS=off $l validate -c $work/init.yaml" \
      -n "validate, archive" "$l validate -c $work/init.yaml" \
      -n "status --app, no archive" "env MCPWATCH_CDS=off $l status -c mcpwatch.yaml --app app0007" \
      -n "status --app, archive" "$l status -c mcpwatch.yaml --app app0007"
    hyperfine -N -w 1 -r "$(( (runs + 1) / 2 ))" --export-json "$work/compare-backtest.json" --export-markdown "$work/compare-backtest.md" \
      -n "backtest 256 MiB, no archive" "env MCPWATCH_CDS=off $l backtest -c ${BT:-/tmp/perf/bt.yaml} --env prod --no-progress --format json ${CORPUS:-/tmp/perf/c256.jsonl}" \
      -n "backtest 256 MiB, archive" "$l backtest -c ${BT:-/tmp/perf/bt.yaml} --env prod --no-progress --format json ${CORPUS:-/tmp/perf/c256.jsonl}"
    echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
