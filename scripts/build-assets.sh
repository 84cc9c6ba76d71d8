#!/usr/bin/env bash
# Build the browser assets the wise_skills package serves (run by `make assets`; idempotent).
# The chart library comes from npm (package.json "dependencies", installed by `npm ci`) and is copied into the
# package's static folder, so pages load it from our own server: no CDN, works offline. The copy is not committed
# (.gitignore): build it before `python -m build` so the wheel and sdist contain it (MANIFEST.in takes *.js).
set -eu
cd "$(dirname "$0")/.."
VENDOR=plugin_app/wise_skills/static/wise_skills/vendor
if [ ! -f node_modules/chart.js/dist/chart.umd.min.js ]; then
  echo "build-assets: node_modules/chart.js is missing; running npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p "$VENDOR"
for file in chart.umd.min.js; do
  if ! cmp -s "node_modules/chart.js/dist/$file" "$VENDOR/$file"; then
    cp "node_modules/chart.js/dist/$file" "$VENDOR/$file"
  fi
done
cp node_modules/chart.js/LICENSE.md "$VENDOR/chart.js.LICENSE.txt"
version=$(node -p "require('./node_modules/chart.js/package.json').version")
printf 'chart.js %s (MIT licence, see chart.js.LICENSE.txt), copied from node_modules by scripts/build-assets.sh\n' \
  "$version" > "$VENDOR/README.txt"
echo "build-assets: $VENDOR has chart.js $version"
