#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: chromium for the end-to-end tests
# (never Playwright's own download) and golang-go, so that the Go snippet is compiled and run for real.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
if [ ! -x "$browser" ]; then missing+=(chromium); fi
if ! command -v go >/dev/null 2>&1; then missing+=(golang-go); fi
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
echo "installing Debian packages the tests need: ${missing[*]}" >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
test -x "$browser"
command -v go >/dev/null
