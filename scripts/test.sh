#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian/Ubuntu machine, then run all of it:
# ruff, the JavaScript unit tests, and pytest (unit, API, roster, security, browser end-to-end)
# inside a private D-Bus session with a real, unlocked GNOME Keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v dbus-run-session >/dev/null || packages+=(dbus dbus-user-session)
command -v gnome-keyring-daemon >/dev/null || packages+=(gnome-keyring)
[ -x /usr/lib/chromium/chromium ] || packages+=(chromium)
command -v firefox-esr >/dev/null || packages+=(firefox-esr)
command -v node >/dev/null || packages+=(nodejs npm)
command -v openssl >/dev/null || packages+=(openssl)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing system packages: ${packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

echo "== installing Python packages"
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
if [ -f package-lock.json ]; then
  echo "== installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check . >/dev/null

echo "== JavaScript unit tests (node --test)"
npm test --silent
echo "== web-ext lint (Chrome/Firefox manifest)"
npm run lint --silent

echo "== pytest"
exec scripts/with-keyring python3 -m pytest "$@"
