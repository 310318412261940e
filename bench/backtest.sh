#!/usr/bin/env bash
# Measures `mcpwatch backtest` against the targets of issue 14 (docs/benchmarks.md, section 9).
# Usage: bench/backtest.sh corpus|compare|alarms|groups [ROUNDS]
#   corpus   the generated JSON-lines corpora (CorpusGenerator: 4 apps x dev/prod) into $WORK: c256.jsonl (256 MiB),
#            c1g.jsonl (1 GiB), c64m.jsonl (the first 64 MiB); the configurations bt.yaml (mcpwatch init: the four ADR
#            alarms, space-delimited patterns) and bt-regex.yaml (the same as %regex% patterns, identical counts)
#   compare  ROUNDS (default 5) interleaved rounds on c256.jsonl and c1g.jsonl of: cat > /dev/null, GNU grep (the four
#            patterns, four passes), ripgrep (one pass), ./mcpwatch backtest (delimited, then regex); medians of wall
#            and CPU (user + sys), max RSS, and the ratios to grep and rg
#   alarms   backtest of c64m.jsonl with 10, 100, 1,000, 10,000 and 100,000 prod alarms (N/4 apps, the 4 real first)
#   groups   backtest of c64m.jsonl rewritten so its prod events spread over 1, 10, 100 and 1,000 log groups
#            (4 alarms per group)
# Environment: WORK (default /tmp/mcpwatch-bench/backtest), SIZES (compare: default "c256 c1g"), BEFORE_JAR (compare:
#   also run this mcpwatch.jar with the launcher's backtest options, as "before").
# Every backtest runs `MCPWATCH_JAR=JAR ./mcpwatch backtest ... --format json` (the launcher's JVM options; JAR defaults
# to mcpwatch-cli/target/mcpwatch.jar, copy it elsewhere to keep measuring while you build); BEFORE_JAR runs through
# the same launcher (its options and its class-data archive for that jar), or through BEFORE_LAUNCHER when set (another
# version of ./mcpwatch, e.g. `git show REV:mcpwatch > /tmp/mcpwatch-before`; give it its own copy of the jar, as each
# launcher removes the archives of other builds of the jar it runs). The outputs of one
# variant must be identical across rounds (checked by md5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/mcpwatch-bench/backtest}"
jar="${JAR:-$here/mcpwatch-cli/target/mcpwatch.jar}"
[ -f "$jar" ] || { echo "build first: mvn -B -ntp -o package -DskipTests" >&2; exit 1; }
mkdir -p "$work"
cmd="${1:-}"; shift || true
rounds="${1:-5}"
mcpwatch="MCPWATCH_JAR=$jar $here/mcpwatch"
export LANG=C.UTF-8

echo "# $(date -u +%FT%TZ) $cmd; nproc $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); $(java -version 2>&1 | head -1);" \
  "$(grep --version | sed -n 1p); $(if command -v rg >/dev/null; then rg --version | sed -n 1p; else echo 'rg: not installed'; fi); load $(cut -d' ' -f1-3 /proc/loadavg)"

config() { # config FILE APPS... : the init template with these apps
  local f="$1"; shift
  [ -f "$work/init.yaml" ] || java -jar "$jar" init "$work/init.yaml" >/dev/null
  printf '%s\n' "$@" | python3 -c '
import sys
apps = ", ".join(l.strip() for l in sys.stdin if l.strip())
for line in open(sys.argv[1]):
    sys.stdout.write("apps: [" + apps + "]\n" if line.startswith("apps: ") else line)' "$work/init.yaml" > "$f"
}

regex() { # the same alarms with %regex% patterns
  python3 - "$1" <<'PY'
import sys
s = open(sys.argv[1]).read()
for a, b in [("'\"OBO token exchange failed\"'", '"%OBO token exchange failed%"'),
             ("""'[level="ERROR:*" || level="CRITICAL:*", ...]'""", '"%^ERROR:|^CRITICAL:%"'),
             ("'[level, client, dash, request=*HTTP*, status=4*, ...]'", r'"%HTTP/1\\.1\\x22 4%"'),
             ("'[level, client, dash, request=*HTTP*, status=5*, ...]'", r'"%HTTP/1\\.1\\x22 5%"')]:
    assert a in s, a
    s = s.replace(a, b)
sys.stdout.write(s)
PY
}

# run ROUNDS NAME 'CMD' NAME 'CMD' ...: interleaved rounds; medians per name
run() {
  local n="$1"; shift
  local names=() cmds=() out="$work/times.$$"
  : > "$out"
  while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
  for r in $(seq "$n"); do
    for i in "${!names[@]}"; do
      /usr/bin/time -f "${names[$i]} %e %U %S %M" -a -o "$out" bash -c "${cmds[$i]}" > "$work/out.${names[$i]}.$r" 2> "$work/err.${names[$i]}" \
        || { echo "FAILED ${names[$i]}:"; head -5 "$work/err.${names[$i]}"; }
    done
    echo "#   round $r done, load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  for nm in "${names[@]}"; do
    [ "$(md5sum "$work"/out."$nm".* | cut -d' ' -f1 | sort -u | wc -l)" = 1 ] || echo "# WARNING: $nm outputs differ between rounds"
  done
  python3 - "$out" <<'PY'
import sys, statistics, collections
d = collections.OrderedDict()
for l in open(sys.argv[1]):
    p = l.split()
    if len(p) != 5: continue
    d.setdefault(p[0], []).append((float(p[1]), float(p[2]) + float(p[3]), int(p[4])))
med = {k: (statistics.median([x[0] for x in v]), statistics.median([x[1] for x in v]), max(x[2] for x in v), len(v)) for k, v in d.items()}
g = next((m for k, m in med.items() if k.startswith('grep4')), None)
r = next((m for k, m in med.items() if k.startswith('rg')), None)
print(f"| {'':28s} | wall | CPU | max RSS | wall vs grep x4 | CPU vs grep x4 | wall vs rg | CPU vs rg | runs |")
print("|---|---|---|---|---|---|---|---|---|")
for k, (w, c, m, n) in med.items():
    rat = lambda a, b: f"{a / b:.2f}x" if b else ""
    print(f"| {k:28s} | {w:.2f} s | {c:.2f} s | {m // 1024} MiB | {rat(w, g[0]) if g else ''} | {rat(c, g[1]) if g else ''} | {rat(w, r[0]) if r else ''} | {rat(c, r[1]) if r else ''} | {n} |")
PY
  rm -f "$out"
  echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
}

grep4() {
  printf '%s\n' "grep -c 'OBO token exchange failed' $1; grep -cE '\"message\":\"(ERROR|CRITICAL):' $1; grep -cE 'HTTP/1\\.1\\\\\" 4' $1; grep -cE 'HTTP/1\\.1\\\\\" 5' $1"
}
rg1() {
  printf '%s\n' "rg -c -e 'OBO token exchange failed' -e '\"message\":\"(ERROR|CRITICAL):' -e 'HTTP/1\\.1\\\\\" [45]' $1"
}
backtest() { # backtest CONFIG FILE
  printf '%s\n' "$mcpwatch backtest -c $1 --env prod --no-progress --format json $2"
}

case "$cmd" in
  corpus)
    [ -f "$work/c256.jsonl" ] || java -cp "$jar" io.mcpwatch.demo.CorpusGenerator "$work/c256.jsonl" 256m
    [ -f "$work/c1g.jsonl" ] || java -cp "$jar" io.mcpwatch.demo.CorpusGenerator "$work/c1g.jsonl" 1g
    [ -f "$work/c64m.jsonl" ] || head -c 67108864 "$work/c256.jsonl" | head -n -1 > "$work/c64m.jsonl"
    config "$work/bt.yaml" sharepoint outlook databricks teams
    regex "$work/bt.yaml" > "$work/bt-regex.yaml"
    ls -l "$work"
    ;;
  compare)
    for s in ${SIZES:-c256 c1g}; do
      f="$work/$s.jsonl"
      echo "## $s.jsonl: $(stat -c %s "$f") bytes"
      run "$rounds" \
        "cat-$s" "cat $f > /dev/null" \
        "grep4-$s" "$(grep4 "$f") | cat" \
        "rg-$s" "$(rg1 "$f") | cat" \
        "backtest-delimited-$s" "$(backtest "$work/bt.yaml" "$f")" \
        "backtest-regex-$s" "$(backtest "$work/bt-regex.yaml" "$f")" \
        ${BEFORE_JAR:+"before-delimited-$s" "$(backtest "$work/bt.yaml" "$f" | sed "s|^MCPWATCH_JAR=[^ ]* [^ ]*|MCPWATCH_JAR=$BEFORE_JAR ${BEFORE_LAUNCHER:-$here/mcpwatch}|")"} \
        ${BEFORE_JAR:+"before-regex-$s" "$(backtest "$work/bt-regex.yaml" "$f" | sed "s|^MCPWATCH_JAR=[^ ]* [^ ]*|MCPWATCH_JAR=$BEFORE_JAR ${BEFORE_LAUNCHER:-$here/mcpwatch}|")"}
    done
    ;;
  alarms)
    args=()
    for n in 10 100 1000 10000 100000; do
      apps=(sharepoint outlook databricks teams)
      for i in $(seq 0 $(( (n + 3) / 4 - 5 ))); do apps+=("app$i"); done
      [ -f "$work/alarms-$n.yaml" ] || config "$work/alarms-$n.yaml" "${apps[@]:0:$(( (n + 3) / 4 ))}"
      args+=("alarms-$n" "$(backtest "$work/alarms-$n.yaml" "$work/c64m.jsonl")")
    done
    run "$rounds" "${args[@]}"
    ;;
  groups)
    args=()
    for g in 1 10 100 1000; do
      f="$work/groups-$g.jsonl"
      # every prod event goes to group app{line % G}
      [ -f "$f" ] || awk -v G="$g" '{ k = NR % G; if (sub(/prod-aiconnectors\/[a-z]+-main-svc\/[a-z]+"/, "prod-aiconnectors/app" k "-main-svc/app" k "\"")) {} print }' \
        "$work/c64m.jsonl" > "$f"
      apps=(); for i in $(seq 0 $(( g - 1 ))); do apps+=("app$i"); done
      [ -f "$work/groups-$g.yaml" ] || config "$work/groups-$g.yaml" "${apps[@]}"
      args+=("groups-$g" "$(backtest "$work/groups-$g.yaml" "$f")")
    done
    run "$rounds" "${args[@]}"
    ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
