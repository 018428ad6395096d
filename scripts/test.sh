#!/usr/bin/env bash
# Builds cais and runs every test suite. Integration tests create real containers and need root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
dotnet test cais.slnx -nologo --logger "console;verbosity=normal" "$@"
