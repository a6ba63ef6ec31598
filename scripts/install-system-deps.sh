#!/usr/bin/env bash
# Installs the Debian packages Flashback's tests and demo use: a PostgreSQL server, redis-server,
# bubblewrap (namespace sandboxes), faketime (clock pinning) and chromium (the web UI's browser
# tests, driven by playwright-core). Skips what is already there.
set -euo pipefail

needed=()
command -v redis-server >/dev/null 2>&1 || needed+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || needed+=(postgresql)
command -v bwrap >/dev/null 2>&1 || needed+=(bubblewrap)
command -v faketime >/dev/null 2>&1 || needed+=(faketime)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)

if [ ${#needed[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "missing Debian packages: ${needed[*]} (run as root, or install them: apt-get install ${needed[*]})" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "installing ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
