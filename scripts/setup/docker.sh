#!/usr/bin/env bash
# Installs docker.io and busybox-static, starts dockerd on loopback only (no docker0 bridge, no iptables)
# if none is running, and builds the local test image autoscaling-test:local (FROM scratch + static busybox).
# Idempotent. Only a dockerd started here is stopped by the registered clean-up (by pid).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../lib/common.sh
source "$here/../lib/common.sh"

run_dir="${AUTOSCALING_RUN_DIR:-$here/../../.run}"
mkdir -p "$run_dir"
export AUTOSCALING_RUN_DIR="$run_dir"
image="${AUTOSCALING_DOCKER_TEST_IMAGE:-autoscaling-test:local}"
socket=/var/run/docker.sock

if ! dpkg-query -W -f='${Status}' docker.io 2>/dev/null | grep -q "install ok installed" && [ ! -e /etc/docker/daemon.json ]; then
  # Where the package's service starts on install (systemd), it must not make docker0 on 172.17.0.0/16 either.
  as_root mkdir -p /etc/docker
  printf '{\n  "bridge": "none",\n  "iptables": false,\n  "ip-masq": false\n}\n' | as_root tee /etc/docker/daemon.json >/dev/null
fi
apt_install docker.io busybox-static

# Debian's client speaks the daemon's API version (1.41); a newer client elsewhere on PATH may not.
docker_cli=/usr/bin/docker
[ -x "$docker_cli" ] || docker_cli="$(command -v docker)"
docker() { as_root "$docker_cli" "$@"; }

daemon_answers() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

if daemon_answers; then
  if [ -e /sys/class/net/docker0 ]; then
    echo "error: a dockerd is already running with a docker0 bridge (172.x addresses)." >&2
    echo "       The tests need dockerd started with --bridge=none --iptables=false --ip-masq=false." >&2
    echo "       Stop that daemon (it is not ours to change) and run this script again." >&2
    exit 1
  fi
  echo "dockerd is already running without a docker0 bridge; using it (it will not be stopped by the clean-up)."
else
  if [ -S "$socket" ] && pgrep -x dockerd >/dev/null 2>&1; then
    echo "error: a dockerd process exists but does not answer on $socket; not starting a second one." >&2
    exit 1
  fi
  log="$run_dir/dockerd.log"
  pidfile="$run_dir/dockerd.pid"
  echo "starting dockerd (--bridge=none --iptables=false --ip-masq=false), log: $log"
  # Our own (empty) config file, so that settings in /etc/docker/daemon.json cannot clash with these flags.
  echo '{}' >"$run_dir/dockerd.json"
  args=(/usr/sbin/dockerd --config-file "$run_dir/dockerd.json" --bridge=none --iptables=false --ip-masq=false --host "unix://$socket")
  # Started directly (not through a shell function) so that $! is dockerd itself (or sudo, which relays signals).
  if [ "$(id -u)" -eq 0 ]; then
    nohup "${args[@]}" >"$log" 2>&1 </dev/null &
  else
    sudo -n nohup "${args[@]}" >"$log" 2>&1 </dev/null &
  fi
  pid=$!
  echo "$pid" >"$pidfile"
  register_cleanup docker "$(cat <<CLEANUP
# Stops the dockerd that scripts/setup/docker.sh started, and nothing else: the pid in $pidfile
# (a test that restarts that daemon through this script writes the new pid there).
pid=\$(cat "$pidfile" 2>/dev/null || true)
comm=\$(cat "/proc/\$pid/comm" 2>/dev/null || true)
if [ -n "\$pid" ] && { [ "\$comm" = dockerd ] || [ "\$comm" = sudo ]; }; then
  kill -TERM "\$pid"
  for _ in \$(seq 1 60); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "\$pid" 2>/dev/null; then kill -KILL "\$pid"; fi
fi
rm -f "$pidfile"
CLEANUP
)"
  for _ in $(seq 1 60); do
    daemon_answers && break
    kill -0 "$pid" 2>/dev/null || { echo "error: dockerd exited; see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.5
  done
  daemon_answers || { echo "error: dockerd did not answer within 30 s; see $log" >&2; exit 1; }
  if [ -e /sys/class/net/docker0 ]; then
    echo "error: dockerd created a docker0 bridge although started with --bridge=none" >&2
    exit 1
  fi
  echo "dockerd is running (pid $pid, API $(docker version --format '{{.Server.APIVersion}}'))"
fi

# The test image: FROM scratch + static busybox; httpd serves /www, CGI scripts give slow or failing answers.
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
cp -r "$here/../docker/test-image/." "$ctx/"
cp /usr/bin/busybox "$ctx/busybox"
chmod 0755 "$ctx"/www/cgi-bin/*
docker build -q -t "$image" "$ctx" >/dev/null
echo "test image $image is built"
