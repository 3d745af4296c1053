#!/usr/bin/env bash
# Installs what the simulator's browser tests (BrowserTest) need on Debian, only when it is missing:
# chromium, chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) and a CJK font, so that the Chinese
# labels of the dashboard render in the screenshots. Run by .ci/run and by the simulator's build
# (process-test-classes phase) so that `mvn -B verify` works on a fresh machine. Quiet when nothing is missing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get > /dev/null; then
  echo "install-chromium.sh: ${missing[*]} missing and no apt-get here: install Chromium and chromedriver" \
       "at /usr/bin/chromium and /usr/bin/chromedriver by hand" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo -n)
fi
log="$(mktemp "${TMPDIR:-/tmp}/wxpay4j-apt-XXXXXX.log")"
echo "install-chromium.sh: installing ${missing[*]} for the browser tests (apt-get; log in $log)"
if ! { "${sudo[@]}" apt-get update -q && \
       DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"; } > "$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "install-chromium.sh: apt-get failed (as root, or with password-less sudo, it installs ${missing[*]})" >&2
  exit 1
fi
