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

apt_install_no_start haproxy busybox-static

haproxy -v 2>&1 | sed -n 1p
busybox 2>&1 | sed -n 1p
