#!/bin/sh
# Copy the reveal.js files the slides use into templates/slides/reveal/, from the npm
# release pinned in scripts/reveal/package.json. Run at development time only, when
# upgrading reveal.js: the copies are committed, travel in the wheel with the other
# templates, and no build ever downloads anything.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../templates/slides/reveal"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/reveal/package.json" "$work/"
npm install --prefix "$work" --ignore-scripts --no-audit --no-fund --loglevel=error
dist="$work/node_modules/reveal.js"
mkdir -p "$target"
cp "$dist/dist/reveal.js" "$dist/dist/reveal.css" "$dist/plugin/notes/notes.js" "$target/"
cp "$dist/LICENSE" "$target/LICENSE-reveal.js.txt"
node -p "require('$dist/package.json').version" > "$target/VERSION"
