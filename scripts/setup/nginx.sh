#!/usr/bin/env bash
# Installs what the NGINX tests need: Debian's nginx (with the upstream and stub_status modules) and busybox-static
# (backends are busybox httpd processes). Starts nothing: every NGINX test starts its own master on
# 127.0.0.1:19600-19699 with its own configuration, prefix and pid file, and stops it by pid. The package's own
# service (nginx.service on :80) is kept from starting by a policy-rc.d that exists only for the install
# (apt_install_no_start in scripts/lib/common.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

apt_install_no_start nginx busybox-static

nginx -v 2>&1 | sed -n 1p
