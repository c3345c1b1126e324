# Sourced by scripts/setup/*.sh. Helpers to install Debian packages and register clean-ups.
# shellcheck shell=bash
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root (no sudo found)" >&2; return 1; fi
}

# apt_install PKG...: installs the packages that are missing; runs 'apt-get update' at most once per run.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local stamp="${AUTOSCALING_RUN_DIR:-/tmp}/.apt-updated"
  if [ ! -e "$stamp" ]; then
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    touch "$stamp"
  fi
  echo "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# register_cleanup NAME SCRIPT: ./build.sh runs SCRIPT when the tests end (stop exactly what was started).
register_cleanup() {
  local dir="${AUTOSCALING_RUN_DIR:?}/cleanup.d"
  mkdir -p "$dir"
  printf '%s\n' "$2" > "$dir/$1.sh"
}

# apt_install_no_start PKG...: apt_install with a policy-rc.d ("exit 101": not allowed) in place for the install only,
# so the packages' postinst starts no system service (haproxy.service, nginx.service on :80). Tests start their own.
apt_install_no_start() {
  local policy=/usr/sbin/policy-rc.d created=0 p rc=0
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && [ ! -e "$policy" ]; then
      as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
      created=1
      break
    fi
  done
  apt_install "$@" || rc=$?
  if [ "$created" = 1 ]; then as_root rm -f "$policy"; fi
  return "$rc"
}
