#!/usr/bin/env bash
# Debian packages the tests need beyond Node and Python: libfaketime (places the time-skipping test server's clock
# on real calendar dates for holiday tests), Chromium (the dashboard's browser test drives it with playwright-core) and
# Prometheus (its promtool checks and unit-tests the alert rules in docker/observability).
# PostgreSQL has its own script.
set -euo pipefail
missing=()
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || missing+=(faketime)
# Debian names it chromium; Ubuntu's chromium-browser is a snap wrapper. Any of them (or CHROMIUM_PATH) will do.
[[ -n ${CHROMIUM_PATH:-} && -x ${CHROMIUM_PATH:-} ]] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || missing+=(chromium)
[[ -n ${PROMTOOL:-} && -x ${PROMTOOL:-} ]] || command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "[ensure-system-packages] please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "[ensure-system-packages] installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2; }
fi
