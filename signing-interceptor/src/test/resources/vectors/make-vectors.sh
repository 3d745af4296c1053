#!/usr/bin/env bash
# Recomputes every golden vector in this directory from the committed TEST-ONLY keys, with tools that share no
# code with wxpay4j: the OpenSSL command line (RSA signatures) and Python `cryptography` (AES-256-GCM).
# Run from this directory: ./make-vectors.sh   (the outputs are committed; tests only read them).
set -euo pipefail

MCHID=1900000109
MERCHANT_SERIAL=3775B6A45ACD588826D15E583A95F5DD6A0D1D1F
TS=1554208460
NONCE=593BEC0C930BF1AFEB40B4A08C8FB242

sign() { openssl dgst -sha256 -sign "$1" | base64 -w0; }

# 1. Request signatures: METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n, signed with the merchant key.
printf 'GET\n/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109\n%s\n%s\n\n' \
  "$TS" "$NONCE" > request-get.message
printf '%s' '{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.example.com/notify","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}' \
  > request-post.body
{ printf 'POST\n/v3/pay/transactions/jsapi\n%s\n%s\n' "$TS" "$NONCE"; cat request-post.body; printf '\n'; } > request-post.message
for v in request-get request-post; do
  sign test-only-merchant-key.pem < $v.message > $v.signature
  printf 'WECHATPAY2-SHA256-RSA2048 mchid="%s",nonce_str="%s",timestamp="%s",serial_no="%s",signature="%s"' \
    "$MCHID" "$NONCE" "$TS" "$MERCHANT_SERIAL" "$(cat $v.signature)" > $v.authorization
  # Independent check of what we just wrote.
  openssl dgst -sha256 -verify test-only-merchant-public-key.pem -signature <(base64 -d $v.signature) $v.message
done

# 2. Response signatures: TIMESTAMP\nNONCE\nBODY\n, signed with the platform key (200 with a body, 204 empty).
RTS=1722850421
RNONCE=d824f2e086d3c1df967785d13fcd22ef
printf '%s' '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}' > response-200.body
{ printf '%s\n%s\n' "$RTS" "$RNONCE"; cat response-200.body; printf '\n'; } > response-200.message
printf '%s\n%s\n\n' "$RTS" "$RNONCE" > response-204.message
for v in response-200 response-204; do
  sign test-only-platform-key.pem < $v.message > $v.signature
  openssl dgst -sha256 -verify test-only-platform-public-key.pem -signature <(base64 -d $v.signature) $v.message
done

# 3. Front-end pay signatures with the merchant key.
printf 'wxd678efh567hg6787\n%s\n%s\nprepay_id=wx201410272009395522657a690389285100\n' "$TS" "$NONCE" > pay-jsapi.message
printf 'wxd678efh567hg6787\n%s\n%s\nwx201410272009395522657a690389285100\n' "$TS" "$NONCE" > pay-app.message
for v in pay-jsapi pay-app; do sign test-only-merchant-key.pem < $v.message > $v.signature; done

# 4. AES-256-GCM: a payment notification resource, encrypted with Python `cryptography` (AESGCM appends the tag).
python3 - <<'PY'
import base64
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
key = b"TESTONLYapiV3key0123456789abcdef"   # TEST-ONLY APIv3 key, 32 ASCII bytes
nonce = b"TESTONLYnon1"                      # 12 bytes
aad = b"transaction"
plain = open("notification-transaction.json", "rb").read()
open("notification-transaction.ciphertext", "w").write(base64.b64encode(AESGCM(key).encrypt(nonce, plain, aad)).decode())
# Same plaintext, no associated data at all (the AAD may be empty or absent).
open("notification-transaction-no-aad.ciphertext", "w").write(base64.b64encode(AESGCM(key).encrypt(nonce, plain, b"")).decode())
PY

# 5. A whole notification: envelope around the ciphertext of step 4, signed with the platform key.
NTS=1722850500
NNONCE=0ae4f9dcd0c3b5d8b2a1e3f4c5d6e7f8
printf '{"id":"EV-2018022511223320873","create_time":"2015-05-20T13:29:35+08:00","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM","ciphertext":"%s","associated_data":"transaction","nonce":"TESTONLYnon1"}}' \
  "$(cat notification-transaction.ciphertext)" > notification.body
{ printf '%s\n%s\n' "$NTS" "$NNONCE"; cat notification.body; printf '\n'; } > notification.message
sign test-only-platform-key.pem < notification.message > notification.signature
echo "vectors written"
