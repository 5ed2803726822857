#!/usr/bin/env bash
# Install what gcplay needs to build and test, skipping what is already
# present at the right version. Only package registries are used.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# Debian's Chromium and its driver, for the browser tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The wasm target.
if ! rustup component list --installed | grep -qx rust-src; then
  say "adding the rust-src component (the page's wasm builds the standard library)"
  rustup component add rust-src
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli at exactly the version Cargo.lock pins; wasm-pack then uses it
# from PATH instead of downloading its own.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (was: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# wasm-pack 0.14 or later: `make wasm` builds with `--profile wasm`.
have=$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$have" ] || [ "$(printf '%s\n' 0.14.0 "$have" | sort -V | head -n 1)" != 0.14.0 ]; then
  say "installing wasm-pack (was: ${have:-none})"
  cargo install wasm-pack --locked --force
fi

# npm packages from package-lock.json (includes binaryen's wasm-opt and playwright-core).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
