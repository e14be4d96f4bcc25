#!/usr/bin/env sh
# Builds ferrous-lua-debug-<version>.vsix here with npm's @vscode/vsce (nothing is committed).
set -eu
cd "$(dirname "$0")"
exec npx --yes @vscode/vsce@3 package --no-dependencies --allow-missing-repository --skip-license "$@"
