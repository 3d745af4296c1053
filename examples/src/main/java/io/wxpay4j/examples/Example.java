package io.wxpay4j.examples;

import io.wxpay4j.WechatPayException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every example's {@code main} shares: option parsing, {@code --help}, the {@link Setup} (embedded
 * simulator by default), and turning failures into a clear message and an exit code (0 ok, 1 failed, 2 bad
 * usage).
 */
final class Example {
  /** The body of an example. */
  interface Body {
    void run(Setup setup, PrintStream out) throws Exception;
  }

  private Example() {}

  static int run(
      PrintStream out, Map<String, String> env, String[] args, Class<?> program, String summary, Body body) {
    String usage = Options.usage(command(program), summary);
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (Options.UsageException e) {
      out.println("error: " + e.getMessage() + "\n");
      out.print(usage);
      return 2;
    }
    if (options.help()) {
      out.print(usage);
      return 0;
    }
    String connectionHint = null;
    try (Setup setup = Setup.open(options)) {
      connectionHint = setup.connectionHint();
      out.println(program.getSimpleName() + ": " + summary);
      out.println("Running against " + setup.description() + ".");
      out.println();
      body.run(setup, out);
      return 0;
    } catch (Options.UsageException e) {
      out.println("error: " + e.getMessage() + "\n");
      out.println("Run with --help for the options.");
      return 2;
    } catch (Exception e) {
      out.println();
      out.println("FAILED: " + describe(e));
      if (connectionHint != null && isConnectionFailure(e)) {
        out.println("        " + connectionHint);
      }
      return 1;
    }
  }

  /** The exception's type and message and those of its causes; never a stack trace or a secret. */
  static String describe(Throwable e) {
    StringBuilder result = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      result.append(": ").append(e.getMessage());
    }
    if (e instanceof WechatPayException && ((WechatPayException) e).mayHaveTakenEffect()) {
      result.append("\n        (the request may have taken effect: query the order before retrying)");
    }
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !result.toString().contains(cause.getMessage())) {
        result.append("\n        caused by ").append(cause.getClass().getSimpleName()).append(": ")
            .append(cause.getMessage());
      }
    }
    return result.toString();
  }

  /** True if {@code e} or a cause says that no connection could be made (refused, no route, unknown host). */
  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).startsWith("connect timed out"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Standard output as UTF-8 whatever the platform's default charset, so that Chinese text and the QR code's
   * block characters print on any terminal set to UTF-8.
   */
  static PrintStream standardOutput() {
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }

  /** Flushes and exits: {@code main} of every example. */
  static void exit(PrintStream out, int code) {
    out.flush();
    System.exit(code);
  }

  private static String command(Class<?> program) {
    if (program == OrderLifecycle.class) {
      return "mvn -B -q -pl examples -am package -DskipTests -Plifecycle -Dlifecycle.args=\"[options]\"\n"
          + "   or: java -cp <classpath> " + program.getName();
    }
    return "java -cp <classpath> " + program.getName();
  }
}
