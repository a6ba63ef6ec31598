#!/usr/bin/env bash
# Installs the Debian packages Flashback's tests and demo use: a PostgreSQL server, redis-server,
# bubblewrap (namespace sandboxes), faketime (clock pinning), chromium (the web UI's browser
# tests, driven by playwright-core), and for microVM sandboxes QEMU, a static busybox, e2fsprogs
# and the guest kernel: Debian's cloud kernel, unpacked (not installed) into
# /var/cache/flashback/guest-kernel. Skips what is already there.
set -euo pipefail

GUEST_KERNEL_DIR=/var/cache/flashback/guest-kernel

needed=()
command -v redis-server >/dev/null 2>&1 || needed+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || needed+=(postgresql)
command -v bwrap >/dev/null 2>&1 || needed+=(bubblewrap)
command -v faketime >/dev/null 2>&1 || needed+=(faketime)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v qemu-system-x86_64 >/dev/null 2>&1 || needed+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx switch_root || needed+=(busybox-static)
command -v mkfs.ext4 >/dev/null 2>&1 || [ -x /sbin/mkfs.ext4 ] || needed+=(e2fsprogs)
kernel_needed=0
[ -f "$GUEST_KERNEL_DIR/vmlinuz" ] || kernel_needed=1

if [ ${#needed[@]} -eq 0 ] && [ $kernel_needed -eq 0 ]; then
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

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ ${#needed[@]} -gt 0 ]; then
  echo "installing ${needed[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

if [ $kernel_needed -eq 1 ]; then
  # The kernel image package linux-image-cloud-amd64 points at, unpacked beside its modules.
  kernel_pkg=$(apt-cache depends linux-image-cloud-amd64 | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n1)
  echo "unpacking guest kernel $kernel_pkg into $GUEST_KERNEL_DIR"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  chmod 755 "$scratch"
  (cd "$scratch" && apt-get download -qq "$kernel_pkg" 2>/dev/null && dpkg-deb -x ./*.deb unpacked)
  $SUDO rm -rf "$GUEST_KERNEL_DIR.new"
  $SUDO mkdir -p "$GUEST_KERNEL_DIR.new"
  $SUDO cp "$scratch"/unpacked/boot/vmlinuz-* "$GUEST_KERNEL_DIR.new/vmlinuz"
  $SUDO cp -a "$scratch"/unpacked/lib/modules "$GUEST_KERNEL_DIR.new/modules"
  echo "$kernel_pkg" | $SUDO tee "$GUEST_KERNEL_DIR.new/package" >/dev/null
  $SUDO rm -rf "$GUEST_KERNEL_DIR"
  $SUDO mv "$GUEST_KERNEL_DIR.new" "$GUEST_KERNEL_DIR"
fi
