#!/usr/bin/env bash
# Installs what the NGINX tests need: Debian's nginx (nginx-light is enough: upstream, stub_status) and busybox-static
# (backends are busybox httpd processes). Starts nothing: every NGINX test starts its own master on
# 127.0.0.1:19600-19699 with its own configuration, prefix and pid file, and stops it by pid. The package's own
# service (nginx.service on :80) is kept from starting by a policy-rc.d that exists only for the install, as in
# scripts/setup/haproxy.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

policy=/usr/sbin/policy-rc.d
created_policy=0
if ! dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q "install ok installed"; then
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    created_policy=1
  fi
fi
trap '[ "$created_policy" = 1 ] && as_root rm -f "$policy"' EXIT

apt_install nginx busybox-static

nginx -v 2>&1 | sed -n 1p
