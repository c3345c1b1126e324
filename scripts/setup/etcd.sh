#!/usr/bin/env bash
# Installs what the etcd leadership tests need: etcd-server 3.4 (Debian 12), etcdctl (etcd-client) and openssl (the TLS tests make their certificates).
# Starts nothing: every etcd test class starts its own 3-member cluster on 127.0.0.1:19800-19899 with data in a
# temporary folder and stops each member by pid. The Debian package's own service (etcd.service on :2379) is not
# started here (apt_install_no_start); the tests do not use it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

apt_install_no_start etcd-server etcd-client openssl

etcd --version 2>&1 | sed -n 1p
