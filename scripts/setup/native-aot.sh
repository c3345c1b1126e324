#!/usr/bin/env bash
# Installs what a native AOT publish needs on Debian (the ILCompiler package links with clang and zlib):
# clang and zlib1g-dev. Starts nothing. tests/AutoScaling.Packaging.Tests publishes samples/NativeAot with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh

apt_install clang zlib1g-dev

clang --version | sed -n 1p
