#!/usr/bin/env bash
# Installs what the AutoScaling.Prometheus tests need: prometheus (the real server) and haproxy (whose
# built-in exporter the tests scrape). Idempotent.
#
# The tests start their own prometheus and haproxy (loopback only, 127.0.0.1:19090 and 1950x ports, a
# temporary config and storage, killed by pid), so this script only installs. Debian's packages may start
# their own services on install (invoke-rc.d, when no policy-rc.d forbids it): a service started by *this*
# install is stopped again here, through its init script and pid file, so nothing is left running that the
# tests did not start. A service that was already running before this script ran is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
export AUTOSCALING_RUN_DIR="${AUTOSCALING_RUN_DIR:-$PWD/.run}"
mkdir -p "$AUTOSCALING_RUN_DIR"
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

service_running() {
  # A service counts as running when its init script says so (uses its pid file, never a process name).
  [ -x "/etc/init.d/$1" ] && as_root "/etc/init.d/$1" status >/dev/null 2>&1
}

declare -A was_running=()
for svc in prometheus haproxy; do
  if service_running "$svc"; then was_running[$svc]=1; fi
done

# Keep the packages' postinst from starting system services: policy-rc.d exit 101 tells invoke-rc.d "not
# allowed". Created only for the install when absent, then removed.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ] && ! { dpkg-query -W -f='${Status}' prometheus 2>/dev/null | grep -q "install ok installed" &&
  dpkg-query -W -f='${Status}' haproxy 2>/dev/null | grep -q "install ok installed"; }; then
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && as_root rm -f "$policy"' EXIT

apt_install prometheus haproxy

# Belt and braces (systemd machines ignore policy-rc.d): stop what this install started.
for svc in prometheus haproxy; do
  if [ -z "${was_running[$svc]:-}" ] && service_running "$svc"; then
    echo "stopping the $svc service that its package started on install"
    as_root "/etc/init.d/$svc" stop >/dev/null 2>&1 || echo "warning: could not stop the $svc service" >&2
  fi
done

prometheus --version 2>&1 | sed -n 1p
haproxy -v 2>&1 | sed -n 1p
