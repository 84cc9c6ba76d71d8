#!/usr/bin/env bash
# Prints the path of a working Python 3.12 (Open edX Verawood runs 3.12), or explains and fails.
# pyenv's plain `python3.12` shim fails unless PYENV_VERSION is set, so look for real binaries first.
set -u
candidates=()
[ -n "${WISE_PYTHON:-}" ] && candidates+=("$WISE_PYTHON")
for root in "${PYENV_ROOT:-$HOME/.pyenv}" /root/.pyenv; do
  for dir in "$root"/versions/3.12*; do [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3"); done
done
candidates+=(python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12 python3)
for python in "${candidates[@]}"; do
  if version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) && [ "$version" = "3.12" ]; then
    command -v "$python" 2>/dev/null || echo "$python"
    exit 0
  fi
done
echo "No Python 3.12 found. Install it (e.g. pyenv install 3.12) or set WISE_PYTHON=/path/to/python3.12." >&2
exit 1
