#!/bin/sh
# usage: signed-curl.sh STATE_DIR BASE_URL METHOD PATH_AND_QUERY [BODY]
set -eu
dir=$1; base=$2; method=$3; target=$4; body=${5:-}
mchid=$(sed -n 's/.*"mchid" : "\(.*\)".*/\1/p' "$dir/merchant.json")
serial=$(sed -n 's/.*"merchant_serial_no" : "\(.*\)".*/\1/p' "$dir/merchant.json")
ts=$(date +%s); nonce=$(openssl rand -hex 16)
sig=$(printf '%s\n%s\n%s\n%s\n%s\n' "$method" "$target" "$ts" "$nonce" "$body" \
  | openssl dgst -sha256 -sign "$dir/apiclient_key.pem" | openssl base64 -A)
auth="WECHATPAY2-SHA256-RSA2048 mchid=\"$mchid\",nonce_str=\"$nonce\",timestamp=\"$ts\",serial_no=\"$serial\",signature=\"$sig\""
if [ -n "$body" ]; then
  curl -sS -i -X "$method" -H "Authorization: $auth" -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "$body" "${base%/}$target"
else
  curl -sS -i -X "$method" -H "Authorization: $auth" -H 'Accept: application/json' "${base%/}$target"
fi
