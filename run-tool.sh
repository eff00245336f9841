#!/usr/bin/env bash
# Runs a tooling command (demo, generate-samples, benchmark-mapping, ...): ./run-tool.sh <command> [args]
# Builds the bundle first (quietly, tests skipped); the tool runs in a JVM of its own.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-env.sh
echo "Building the bundle (the first run downloads dependencies; later runs take seconds) ..." >&2
if ! ./mvnw -B -q -ntp install -DskipTests > target-build.log 2>&1; then
  cat target-build.log >&2
  echo "ERROR: the build failed (output above, also in target-build.log)." >&2
  exit 1
fi
rm -f target-build.log
classpath="nifi-integration-tooling/target/classes:$(cat nifi-integration-tooling/target/runtime-classpath.txt)"
exec "$JAVA_HOME/bin/java" ${TOOL_JAVA_OPTS:--Xmx8g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classpath" io.github.nifiintegration.tooling.Main "$@"
