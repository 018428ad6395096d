#!/usr/bin/env bash
# Builds cais, runs every test suite, then the acceptance scenarios that have landed.
# Integration tests create real containers and need root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
dotnet test cais.slnx -nologo --logger "console;verbosity=normal" "$@"
# The user's view: shared/acceptance scenarios with the real docker CLI against a cais daemon.
scripts/acceptance.sh
