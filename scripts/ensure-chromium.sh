#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
# installed with apt when we may (root on Debian/Ubuntu). Test tools' own browser downloads are not used.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1
fi
command -v /usr/bin/chromium >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium with apt-get (once)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium: install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
exit 1
