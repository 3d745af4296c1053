/**
 * Runnable examples of wxpay4j: {@link io.wxpay4j.examples.OrderLifecycle}, the whole order lifecycle in one
 * program, and one small program per facade call ({@link io.wxpay4j.examples.FirstCall}, {@link
 * io.wxpay4j.examples.PrepayNative}, …). Every one starts an embedded WeChat Pay simulator with a TEST-ONLY
 * merchant unless it is given a merchant account with options ({@code --help} lists them).
 *
 * <p>The README's snippets are the {@code // region NAME} … {@code // endregion} parts of these sources; a
 * test fails when the two differ.
 */
@NullMarked
package io.wxpay4j.examples;

import org.jspecify.annotations.NullMarked;
