#!/bin/sh
# Runs a command in a network namespace of its own in which only the loopback interface exists.
#
#   support/loopback-netns.sh node --test --test-concurrency=1 tests/
#
# Why: Chromium offers WebRTC host candidates on every interface of the machine, and these tests
# must send traffic to 127.0.0.1 and ::1 only. Inside this namespace the server, the browsers and
# their peer connections cannot reach anything but loopback. Needs unshare (util-linux) and ip
# (iproute2); run as root, or with unprivileged user namespaces enabled (Debian's default).
set -eu

if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
  echo "loopback-netns.sh: needs unshare (util-linux) and ip (iproute2) on the PATH" >&2
  exit 2
fi
if [ "$(id -u)" -eq 0 ]; then
  exec unshare --net -- sh -c 'ip link set lo up && exec "$@"' loopback-netns "$@"
else
  exec unshare --net --map-root-user -- sh -c 'ip link set lo up && exec "$@"' loopback-netns "$@"
fi
