#!/usr/bin/env bash
# Installs what the HAProxy tests need: haproxy 2.6 and busybox-static (backends are busybox httpd processes).
# Starts nothing: every HAProxy test class starts its own haproxy on 127.0.0.1:19100-19499 with a generated
# config and stops it by pid. The Debian package's own service (haproxy.service on :80 with
# /etc/haproxy/haproxy.cfg) is not started here; on machines without systemd (containers, CI images) the
# package's postinst cannot start it either, and on machines with systemd the tests do not need it stopped:
# they use their own ports and sockets.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

# Keep the package's postinst from starting a system haproxy (no-op where nothing would start it anyway):
# policy-rc.d exit 101 tells invoke-rc.d "not allowed". Only created for the install, then removed.
policy=/usr/sbin/policy-rc.d
created_policy=0
if ! dpkg-query -W -f='${Status}' haproxy 2>/dev/null | grep -q "install ok installed"; then
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    created_policy=1
  fi
fi
trap '[ "$created_policy" = 1 ] && as_root rm -f "$policy"' EXIT

apt_install haproxy busybox-static

haproxy -v 2>&1 | sed -n 1p
busybox 2>&1 | sed -n 1p
