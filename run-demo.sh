#!/usr/bin/env bash
# The demo: maps the customer-360 sample sources onto the canonical customer: ./run-demo.sh
set -euo pipefail
cd "$(dirname "$0")"
exec ./run-tool.sh demo "$@"
