#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need, only when something is missing.
# Idempotent: a second run does nothing. Without root it names what to install and fails.
set -eu
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium chromium-driver)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || needed+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || needed+=(redis-server)
command -v node >/dev/null 2>&1 || needed+=(nodejs npm)
pkg-config --exists mysqlclient 2>/dev/null || pkg-config --exists mariadb 2>/dev/null || needed+=(default-libmysqlclient-dev pkg-config)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: ${needed[*]}. Install them: sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
