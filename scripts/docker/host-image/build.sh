#!/usr/bin/env bash
# Builds the autoscaler's container image locally, FROM scratch (no registry, no base image): the native AOT binary
# and exactly the shared libraries it loads: those ldd names, and libssl/libcrypto, which .NET's cryptography opens
# with dlopen at run time (ldd cannot see those). Run it with host networking:
#   docker run --rm --network host -v "$PWD/autoscaler.json:/autoscaler.json:ro" autoscaler:local --config /autoscaler.json
# usage: scripts/docker/host-image/build.sh [PUBLISH_DIR] [TAG]
#   PUBLISH_DIR  the output of `dotnet publish src/AutoScaling.Host -c Release` (native AOT); published now when not given
#   TAG          autoscaler:local by default
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
publish="${1:-}"
tag="${2:-autoscaler:local}"
docker_cli="${DOCKER:-docker}"

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
if [ -z "$publish" ]; then
  publish="$context/publish"
  dotnet publish "$root/src/AutoScaling.Host" -c Release -o "$publish" -warnaserror
fi
binary="$publish/autoscaler"
if [ ! -x "$binary" ] || [ -e "$publish/autoscaler.dll" ]; then
  echo "error: $binary is not a native AOT build (publish src/AutoScaling.Host with its PublishAot)" >&2
  exit 1
fi

rootfs="$context/rootfs"
mkdir -p "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"
cp "$binary" "$rootfs/autoscaler"

libraries() {
  # "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x…)" and the loader "/lib64/ld-linux-x86-64.so.2 (0x…)".
  ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
  local soname
  for soname in libssl.so.3 libcrypto.so.3; do
    ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64|x86_64|aarch64/ { print $NF; exit }'
  done
}

for lib in $(libraries | sort -u); do
  # The file under the name the loader asks for (symlinks followed), at the same path as on this machine.
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
  echo "  + $lib"
done

cat > "$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
# No home folder: ASP.NET Core keeps its data-protection keys in memory (the API-key scheme does not use them).
WORKDIR /
ENTRYPOINT ["/autoscaler"]
DOCKERFILE

"$docker_cli" build -q -t "$tag" "$context" >/dev/null
echo "built $tag ($(du -sh "$rootfs" | cut -f1) on disk, from $binary)"
