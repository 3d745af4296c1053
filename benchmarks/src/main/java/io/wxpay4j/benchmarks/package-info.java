/**
 * JMH benchmarks of wxpay4j against the official {@code wechatpay-java} SDK, the bare OkHttp floors
 * and the RSA crypto alone, all against one local {@link io.wxpay4j.benchmarks.CannedServer}; and
 * the {@link io.wxpay4j.benchmarks.Footprint} of many clients (heap, threads, connections) and the
 * {@link io.wxpay4j.benchmarks.ColdStart} of a fresh JVM (its first verified prepay) against the
 * simulator. Not API. Run {@code benchmarks/run}.
 */
@NullMarked
package io.wxpay4j.benchmarks;

import org.jspecify.annotations.NullMarked;
