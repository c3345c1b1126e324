#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (the HTML simulation report, the dashboard). Playwright's own
# browser download is not reachable here: the tests drive this binary through Microsoft.Playwright with
# ExecutablePath set (tests/AutoScaling.Testing.Browser). Starts nothing: each test launches its own headless browser.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

apt_install chromium fonts-dejavu-core

chromium --version 2>/dev/null | sed -n 1p
