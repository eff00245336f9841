#!/usr/bin/env bash
# The demo: runs the customer-360 flow definition end to end with the flow runner: ./run-demo.sh
set -euo pipefail
cd "$(dirname "$0")"
exec ./run-tool.sh demo "$@"
