package io.wxpay4j.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Injected faults: per route, for the next N requests or with a probability. */
final class Faults {
  static final String ANY_ROUTE = "*";
  static final String NOTIFICATION_ROUTE = "notification";

  /** One injection rule. */
  static final class Rule {
    final String route;
    final Fault fault;
    final @Nullable AtomicInteger remaining; // null for a probability rule
    final double probability;
    final Duration latency;

    Rule(String route, Fault fault, @Nullable Integer times, double probability, Duration latency) {
      this.route = route;
      this.fault = fault;
      this.remaining = times == null ? null : new AtomicInteger(times);
      this.probability = probability;
      this.latency = latency;
    }

    boolean matches(String candidate) {
      return route.equals(candidate)
          || (route.equals(ANY_ROUTE) && !candidate.equals(NOTIFICATION_ROUTE));
    }

    ObjectNode json() {
      ObjectNode json = Json.object();
      json.put("route", route);
      json.put("fault", fault.name());
      if (remaining != null) {
        json.put("remaining", remaining.get());
      } else {
        json.put("probability", probability);
      }
      if (fault == Fault.LATENCY) {
        json.put("latency_ms", latency.toMillis());
      }
      return json;
    }
  }

  private final Crypto crypto;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  Faults(Crypto crypto) {
    this.crypto = crypto;
  }

  void add(Rule rule) {
    rules.add(rule);
  }

  void clear() {
    rules.clear();
  }

  /**
   * The rule that fires for this request, consuming one use of a next-N rule; null if none fires.
   */
  @Nullable Rule next(String route) {
    for (Rule rule : rules) {
      if (!rule.matches(route)) {
        continue;
      }
      if (rule.remaining != null) {
        int left = rule.remaining.getAndDecrement();
        if (left > 0) {
          if (left == 1) {
            rules.remove(rule);
          }
          return rule;
        }
        rules.remove(rule);
      } else if (crypto.randomUnit() < rule.probability) {
        return rule;
      }
    }
    return null;
  }

  ArrayNode json() {
    ArrayNode array = Json.array();
    for (Rule rule : rules) {
      array.add(rule.json());
    }
    return array;
  }
}
