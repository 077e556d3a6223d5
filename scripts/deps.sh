#!/bin/sh
# Installs what Tashil needs and is missing: Debian packages through apt-get (as root
# or via sudo) and npm packages with `npm ci` from the committed lock file.
#   scripts/deps.sh          build + run dependencies
#   scripts/deps.sh check    also what the tests and benches use (chromium, clang, ...)
set -eu
cd "$(dirname "$0")/.."

build_pkgs="build-essential cmake pkg-config git libmicrohttpd-dev libsqlite3-dev
 libjansson-dev libsodium-dev libicu-dev libxlsxwriter-dev libzip-dev libxml2-dev
 libpq-dev libcairo2-dev libpango1.0-dev libfontconfig-dev nodejs npm"
check_pkgs="libcmocka-dev python3 clang libclang-rt-14-dev chromium sqlite3 wrk
 nginx-light poppler-utils python3-sklearn python3-numpy"

want="$build_pkgs"
[ "${1:-}" = check ] && want="$want $check_pkgs"

missing=""
for p in $want; do
  # node/npm may come from elsewhere (e.g. a newer Node.js); accept any on PATH.
  case $p in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# npm: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
