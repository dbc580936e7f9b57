#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: chromium for the end-to-end tests
# (never Playwright's own download), golang-go, so that the Go snippets are compiled and run for real,
# and python3-cryptography, which the Partner API's Python snippet signs with (RSA).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
if [ ! -x "$browser" ]; then missing+=(chromium); fi
if ! command -v go >/dev/null 2>&1; then missing+=(golang-go); fi
has_cryptography() {
  for py in python3 /usr/bin/python3; do
    if "$py" -c 'import cryptography' >/dev/null 2>&1; then return 0; fi
  done
  return 1
}
if ! has_cryptography; then missing+=(python3-cryptography); fi
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
echo "installing Debian packages the tests need: ${missing[*]}" >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
test -x "$browser"
command -v go >/dev/null
has_cryptography
