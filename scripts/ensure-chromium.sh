#!/usr/bin/env bash
# Sourced or run by test.sh and .ci/run: the console's browser test drives Debian's Chromium (/usr/bin/chromium).
# Installs it when it is missing and we are root; otherwise explains what to install.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the console's browser test ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The console's browser test needs Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'," >&2
echo "or skip the console with -Dconsole.skip=true (./test.sh -Dconsole.skip=true)." >&2
exit 1
