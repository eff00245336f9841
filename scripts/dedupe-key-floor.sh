#!/usr/bin/env bash
# Where does the exact deduplication's time go? Runs the deduplication benchmark (exact only) four
# times on this checkout's code, in a throw-away git worktree with docs/experiments/dedupe-key-floor.patch
# applied, so that your own tree and build are not touched:
#   key              the real key (what ships): every field's name and value, hashed to 128 bits
#   value-hashcodes  the key replaced by a combination of the values' own hashCode()s: reads each
#                    value once, costs next to nothing, and is NOT a valid key (collisions)
#   read-values      the values read as value-hashcodes reads them, then every record gets a new key
#                    (no duplicates are found): reading the values without routing duplicates
#   no-key           every record gets a new key without being read (no duplicates are found)
# and ends with each variant's speed over ConvertRecord's. The last three are not usable deduplication:
# they show the most any key, however fast, could gain.
# Usage: scripts/dedupe-key-floor.sh [records, default 1000000] [rounds, default 7]   (about 6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
records="${1:-1000000}"
rounds="${2:-7}"
patch="$PWD/docs/experiments/dedupe-key-floor.patch"
worktree="$(mktemp -d)/dedupe-key-floor"
logs="$(mktemp -d)"
variants=(key value-hashcodes read-values no-key)
cleanup() { git worktree remove --force "$worktree" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "Preparing a worktree of HEAD with the experiment patch in $worktree ..." >&2
git worktree add --detach "$worktree" HEAD >/dev/null
if ! git -C "$worktree" apply "$patch"; then
  echo "ERROR: $patch no longer applies to this code; update it to the current WholeRecordKey and DedupeBenchmark." >&2
  exit 1
fi
echo "Building it (tests skipped) ..." >&2
if ! (cd "$worktree" && ./mvnw -B -q -ntp package -DskipTests > "$logs/build.log" 2>&1); then
  cat "$logs/build.log" >&2
  echo "ERROR: the patched build failed (output above)." >&2
  exit 1
fi
classpath="$worktree/nifi-integration-tooling/target/classes:$(cat "$worktree/nifi-integration-tooling/target/runtime-classpath.txt")"

for variant in "${variants[@]}"; do
  echo >&2
  echo "=== variant: $variant ($rounds rounds of $records records; the benchmark's own progress follows)" >&2
  "$JAVA_HOME/bin/java" -Xmx8g -Ddedupe.rounds="$rounds" -Dfloor="$variant" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$classpath" io.github.nifiintegration.tooling.Main benchmark-dedupe "$records" 0 exact 2>&1 | tee "$logs/$variant.log" >&2
done

echo
echo "Exact deduplication over ConvertRecord's throughput ($records records, best of $rounds rounds / median of paired rounds):"
# a variant's row of the benchmark's summary table: "x ConvertRecord" (best round) / "x CR, median of rounds"
ratios() { grep "^DeduplicateRecords exact, $2" "$logs/$1.log" | awk '{print $(NF-3) "x / " $(NF-1) "x"}'; }
printf '%-17s %-24s %-24s\n' "variant" "across FlowFiles" "within a FlowFile"
for variant in "${variants[@]}"; do
  printf '%-17s %-24s %-24s\n' "$variant" "$(ratios "$variant" across)" "$(ratios "$variant" within)"
done
echo "(logs in $logs)"
