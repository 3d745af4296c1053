/**
 * Implementation details of wxpay4j: canonical signing messages, nonces, AES-256-GCM, the signature
 * check, the process-wide default {@code OkHttpClient}.
 *
 * <p><strong>This package is not API.</strong> Its types are public only so that other wxpay4j
 * packages can use them; they may change or disappear in any release without notice. Do not use
 * them from application code.
 */
@NullMarked
package io.wxpay4j.internal;

import org.jspecify.annotations.NullMarked;
