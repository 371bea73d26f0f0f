#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian/Ubuntu machine, then run all of it:
# ruff, the JavaScript unit tests, and pytest (unit, API, roster, security, browser end-to-end)
# inside a private D-Bus session with a real, unlocked GNOME Keyring. Python packages go into a
# virtual environment of their own (.venv, or $POSTGUARD_VENV), never the system's.
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

echo "== Python environment (.venv, nothing from the system's site-packages)"
venv="${POSTGUARD_VENV:-$PWD/.venv}"
python3 scripts/bootstrap.py --venv "$venv" --extras test --no-run
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"
hash -r
if [ -f package-lock.json ]; then
  echo "== installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "== ruff"
python -m ruff check .
python -m ruff format --check . >/dev/null

echo "== JavaScript unit tests (node --test)"
npm test --silent
echo "== web-ext lint (Chrome/Firefox manifest)"
npm run lint --silent

echo "== mutation check (each core promise broken on purpose must fail a named test)"
scripts/with-keyring python scripts/mutation_check.py

echo "== pytest"
# The slowest tests are listed at the end: the suite should stay well under 15 minutes.
exec scripts/with-keyring python -m pytest --durations=15 "$@"
