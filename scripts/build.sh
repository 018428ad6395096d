#!/usr/bin/env bash
# Publishes the two NativeAOT executables to artifacts/bin: caisd (the engine: daemon, monitor,
# and every command of cais) first, as it builds every library, then cais (client, runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/caisd -c Release -o artifacts/bin -nologo -v quiet
dotnet publish src/cais -c Release -o artifacts/bin -nologo -v quiet
echo "built $(pwd)/artifacts/bin/cais and $(pwd)/artifacts/bin/caisd"
