#!/usr/bin/env bash
# Reroute's one entry point. Installs what it needs on a fresh machine, then:
#   ./build.sh          release build: dist/chrome, dist/firefox, their store zips and the source zip for AMO
#   ./build.sh test     every check: fmt, clippy, native tests, wasm tests (Node, Chromium, Firefox),
#                       web-ext lint, and the end-to-end suites in Chromium and Firefox
#   ./build.sh demo     the www/ simulation with an outage in progress, in Chromium with Reroute loaded
#   ./build.sh bench    performance figures (not a test)
#   ./build.sh clean
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

GECKODRIVER_VERSION=0.37.1
CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The CLI must match the crate exactly, or the generated glue and the wasm disagree; Cargo.lock decides.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 5 minutes, once; cached in $CARGO_BIN)"
    # Not --locked: one of its pinned transitive crates is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing the build and test tools (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_browsers() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run 'sudo apt-get install ${missing[*]}' or run this as root"
    say "installing ${missing[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" fonts-liberation >/dev/null
  fi
  if [ "$(geckodriver --version 2>/dev/null | head -1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
}

build() {
  ensure_rust
  ensure_npm
  say "compiling the Rust core to wasm"
  cargo build --release --target wasm32-unknown-unknown
  rm -rf dist/core && mkdir -p dist/core
  # With its .d.ts, which tsc reads (tsconfig.json); assemble.mjs doesn't ship declarations.
  wasm-bindgen --target web --out-dir dist/core \
    target/wasm32-unknown-unknown/release/reroute.wasm
  # npm's binaryen, never Debian's 108: its output crashes at init on rustc 1.95's wasm (TOOLCHAIN.md).
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    dist/core/reroute_bg.wasm -o dist/core/reroute_bg.wasm
  node tools/assemble.mjs
}

print_load_help() {
  cat <<EOF

Built:
  dist/chrome/        unpacked extension for Chrome and Chromium
  dist/firefox/       unpacked extension for Firefox
  dist/reroute-chrome.zip, dist/reroute-firefox.zip   store uploads
  dist/reroute-source.zip   the sources and build notes addons.mozilla.org asks for

Load it by hand:
  Chrome:  open chrome://extensions, switch on Developer mode, "Load unpacked", choose dist/chrome
  Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…", choose dist/firefox/manifest.json
See Reroute work without waiting for an outage: ./build.sh demo
EOF
}

run_tests() {
  ensure_rust
  ensure_npm
  ensure_browsers
  say "cargo fmt --check"
  cargo fmt --check
  say "cargo clippy (native and wasm)"
  cargo clippy --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --lib --test node --test browser -- -D warnings
  say "native tests"
  cargo test
  say "wasm tests in Node"
  cargo test --target wasm32-unknown-unknown --test node
  # Each runner picks a driver from its variable; set exactly one so the browser is the one named.
  say "wasm tests in headless Chromium"
  env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER="$(command -v chromedriver)" \
    cargo test --target wasm32-unknown-unknown --test browser
  say "wasm tests in headless Firefox"
  env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER="$(command -v geckodriver)" \
    cargo test --target wasm32-unknown-unknown --test browser
  say "every user-facing string from _locales"
  node --test tests/i18n.test.mjs
  say "eslint"
  eslint .
  say "unit tests of the extension's pure JavaScript"
  node --test $(find extension -name '*.test.mjs' | sort)
  build
  # After the build: the background's types come from wasm-bindgen's dist/core/reroute.d.ts.
  say "tsc: the extension's JSDoc types"
  tsc --noEmit -p .
  say "the built core: a panic says what and where"
  node --test tests/core-panic.test.mjs
  # AMO's own rules too (no --self-hosted): what addons.mozilla.org checks on upload. A warning fails the build
  # like an error: the add-on is clean today, so a new warning is news.
  say "web-ext lint (dist/firefox), as addons.mozilla.org lints it"
  web-ext lint --source-dir dist/firefox --output text --warnings-as-errors
  say "reproducible: a build from dist/reroute-source.zip gives byte-identical zips"
  node --test --test-reporter=spec tests/reproducible.test.mjs
  say "end-to-end: the built extensions in Chromium and Firefox"
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
}

case "${1:-build}" in
  build) build; print_load_help ;;
  test) run_tests ;;
  demo) build; ensure_browsers; node tools/demo.mjs ;;
  bench) build; ensure_browsers; node tools/bench.mjs ;;
  clean) rm -rf dist target/wasm32-unknown-unknown/release target/reproducible ;;
  *) die "unknown command '$1': use build, test, demo, bench or clean" ;;
esac
