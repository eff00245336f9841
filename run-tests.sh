#!/usr/bin/env bash
# Builds the bundle (the NAR included) and runs every test: ./run-tests.sh
# Extra arguments go to Maven, e.g. ./run-tests.sh -pl nifi-integration-processors
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-env.sh
exec ./mvnw -B -ntp clean verify "$@"
