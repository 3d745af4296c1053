package io.wxpay4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a bad {@code wxpay4j.*} setting as Spring Boot's "APPLICATION FAILED TO START" report: the
 * property and the fix, without the bean-creation stack around it.
 */
final class ConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<WechatPayConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WechatPayConfigurationException cause) {
    return new FailureAnalysis(
        "A WeChat Pay client could not be built: " + cause.getMessage(),
        "Correct the wxpay4j property named above (application.properties, application.yml or the"
            + " environment, e.g. WXPAY4J_MERCHANT_ID).",
        cause);
  }
}
