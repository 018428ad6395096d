#!/usr/bin/env bash
# Publishes the single NativeAOT `cais` executable to artifacts/bin/cais.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Cais.Cli -c Release -o artifacts/bin -nologo -v quiet
echo "built $(pwd)/artifacts/bin/cais"
