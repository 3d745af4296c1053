package io.wxpay4j.examples;

import io.wxpay4j.WechatPayClient;
import java.io.PrintStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Example: pay and sign a deduction contract in one step (支付中签约, beta). An APP order carries a contract of
 * template {@code --plan-id} (the simulator's default template without it); the simulated payer pays and signs;
 * the payment notice and the {@code ENTRUST.SIGN} notice are verified on local endpoints; the contract is queried
 * (its {@code contract_id} and state printed) and terminated, which sends {@code ENTRUST.TERMINATE} to the
 * template's terminate URL. Against WeChat Pay the payer signs in the app: see {@link OrderLifecycle} with
 * {@code --plan-id}.
 */
public final class ContractLifecycle {
  static final String SUMMARY =
      "pay and sign a deduction contract (支付中签约, beta): an APP order with a contract, the payment and"
          + " ENTRUST.SIGN notices, query, terminate";

  private ContractLifecycle() {}

  public static void main(String[] args) {
    PrintStream out = Example.standardOutput();
    Example.exit(out, run(out, args));
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(PrintStream out, String... args) {
    return run(out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> env, String... args) {
    return Example.run(out, env, args, ContractLifecycle.class, SUMMARY, ContractLifecycle::example);
  }

  static void example(Setup setup, PrintStream out) throws Exception {
    SimulatedPayer payer =
        setup.payer()
            .orElseThrow(() -> new IllegalStateException(
                "this example needs a simulator to pay and sign; against WeChat Pay, run OrderLifecycle with"
                    + " --plan-id"));
    Long planId = PayAndSign.planId(setup);
    try (NotifyEndpoint payments = NotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/notify");
        ContractNotifyEndpoint contracts = ContractNotifyEndpoint.start("127.0.0.1", 0, "/wechatpay/contract");
        WechatPayClient wechatPay = setup.merchant().clientBuilder().notifyUrl(payments.url()).build()) {
      payments.verifyWith(wechatPay);
      contracts.verifyWith(wechatPay);
      out.println("notify_url          " + payments.url());
      out.println("contract_notify_url " + contracts.url());
      PayAndSign.Result result = PayAndSign.onSimulator(setup, wechatPay, payer, payments, contracts, planId,
          new PayAndSign.Output() {
            @Override
            public void field(String name, @Nullable Object value) {
              out.println(Text.pad(name, 20) + value);
            }

            @Override
            public void line(String text) {
              out.println(text);
            }
          });
      out.println();
      out.println("contract " + result.contractId + " of order " + result.outTradeNo + ": " + result.contractState);
      out.println("OK");
    }
  }
}
