#!/usr/bin/env bash
# Measures the live service (mcpwatch run) against the targets of issues 4 and 5.
# Usage: bench/live.sh corpus|ingest|ingest-live|latency|smtp|rss|console|boundary [extra --key value options]
#   corpus       3,000,000 plain-text uvicorn/Python lines into $WORK/corpus (all.log + 8 per-group files)
#   ingest       backlog: mcpwatch run (taskset -c 1) tails all.log from the beginning; lines/s to the last commit
#   ingest-live  the same file appended live at --rate lines/s (default 150000) for --seconds (default 20)
#   latency      append -> alarm transition, 300 trials, in-process service (add --background 1000 for load)
#   smtp         append -> SMTP accepted (GreenMail on 127.0.0.1), 300 trials
#   rss          max VmRSS of mcpwatch run, ADR config, 8 tailed files, 10,000 lines/s for 180 s
#   console      the web console with 10,000 alarms: ms per page, then 20 clients + /healthz, in-process
#   boundary     mcpwatch run (launcher's JVM options) with --alarms N (default 10000), --rate events/s over
#                HTTP (default 1000) for --seconds (default 150): start-up, ingest -> committed latency (all,
#                and near minute boundaries), commit and boundary histograms, max VmRSS (issue 14);
#                --seconds 0 stops at the first 200: start-up wall time and the service's CPU
# Environment: WORK (default /tmp/mcpwatch-bench), JAVA_OPTS (JVM options of the measured service),
#   LINES (corpus size). The harness runs pinned to CPU 0; the service of ingest* to CPU 1 (so the JVM sees
#   one CPU), the service of rss to every CPU (as it would run; an inherited pin would make the JVM pick
#   SerialGC). latency and smtp run the service in the (unpinned) harness JVM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/mcpwatch-bench}"
jar="$here/mcpwatch-cli/target/mcpwatch.jar"
bench="$here/mcpwatch-bench/target/benchmarks.jar"
[ -f "$jar" ] && [ -f "$bench" ] || { echo "build first: mvn -B -ntp -o package -DskipTests" >&2; exit 1; }
mkdir -p "$work"
cmd="${1:-}"; shift || true
harness() { taskset -c 0 java -Xmx1g -cp "$bench" "$@"; }
template() {
  [ -f "$work/adr.yaml" ] || java -jar "$jar" init "$work/adr.yaml" >/dev/null
  echo "$work/adr.yaml"
}
echo "# $(date -u +%FT%TZ) $cmd; nproc $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
case "$cmd" in
  corpus) harness io.mcpwatch.bench.live.TextCorpus "$work/corpus" "${LINES:-3000000}" ;;
  ingest) harness io.mcpwatch.bench.live.IngestBench --mode backlog --jar "$jar" --template "$(template)" \
            --dir "$work/ingest" --corpus "$work/corpus/all.log" --cpu 1 --java-opts "${JAVA_OPTS:-}" "$@" ;;
  ingest-live) harness io.mcpwatch.bench.live.IngestBench --mode live --rate 150000 --seconds 20 --jar "$jar" \
            --template "$(template)" --dir "$work/ingest-live" --corpus "$work/corpus/all.log" --cpu 1 \
            --java-opts "${JAVA_OPTS:-}" "$@" ;;
  latency) java ${JAVA_OPTS:-} -cp "$bench" io.mcpwatch.bench.live.LatencyBench --dir "$work/latency" \
            --corpus "$work/corpus/all.log" "$@" ;;
  smtp) java ${JAVA_OPTS:-} -cp "$bench" io.mcpwatch.bench.live.LatencyBench --dir "$work/smtp" --smtp true \
            --corpus "$work/corpus/all.log" "$@" ;;
  rss) harness io.mcpwatch.bench.live.RssBench --cpu "0-$(( $(nproc) - 1 ))" --jar "$jar" --template "$(template)" --dir "$work/rss" \
            --corpus-dir "$work/corpus" --java-opts "${JAVA_OPTS:-}" "$@" ;;
  # the harness on CPU 0, the service on every CPU (as it runs; it used to inherit the harness's pin)
  boundary) taskset -c 0 java -Xmx512m -cp "$bench" io.mcpwatch.bench.live.BoundaryBench --jar "$jar" \
            --cpu "0-$(( $(nproc) - 1 ))" --dir "$work/boundary" ${JAVA_OPTS:+--java-opts "$JAVA_OPTS"} "$@" ;;
  console) java ${JAVA_OPTS:-} -cp "$bench" io.mcpwatch.bench.live.ConsoleBench --dir "$work/console" "$@" ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
