package io.wxpay4j.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a simulator's orders, refunds, contracts, templates, notification log, clock and platform
 * certificates in its state directory, so that a restart with the same directory finds them again.
 *
 * <p>An append-only journal, {@code state-journal.jsonl}: one JSON record per change, each the
 * whole new state of one order, refund or contract (the last record of a key wins), or one
 * notification attempt. A single writer thread appends; the books only queue the changed object,
 * and the writer serialises it when it writes, so the last line of a key is always its newest
 * state. When the file has grown to more than twice the live records (plus 1,024), the writer
 * rewrites it from memory into a new file and moves that over the old one. A torn last line (the
 * process was killed while writing) is skipped on load. Platform certificates with their private
 * keys go to {@code simulator-only/platform-keys.json}, rewritten whole on each change.
 *
 * <p>Bounded: past {@code maxOrders} orders the oldest order is forgotten with its refunds and
 * contract (memory and file), and the notification log keeps the newest {@code 10 × maxOrders}
 * attempts. Not kept: injected faults, pending notification retries (deliver again from the
 * dashboard) and the decrypted card number and name of abnormal refunds.
 */
final class StateJournal implements StateListener, AutoCloseable {
  static final String FILE = "state-journal.jsonl";
  static final String KEYS_FILE = "simulator-only/platform-keys.json";
  static final int DEFAULT_MAX_ORDERS = 10_000;
  static final int NOTIFICATIONS_PER_ORDER = 10;
  private static final int SLACK = 1024;

  private final Simulation sim;
  private final Path file;
  private final Path keysFile;
  private final int maxOrders;
  private final int maxNotifications;
  private final ExecutorService writer;

  // Writer thread only.
  private @Nullable FileChannel channel;
  private long records;
  private boolean warned;

  private StateJournal(Simulation sim, Path dir, int maxOrders) {
    this.sim = sim;
    this.file = dir.resolve(FILE);
    this.keysFile = dir.resolve(KEYS_FILE);
    this.maxOrders = maxOrders;
    this.maxNotifications = maxOrders * NOTIFICATIONS_PER_ORDER;
    String id = Integer.toHexString(System.identityHashCode(this));
    this.writer =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "wxpay4j-simulator-journal-" + id);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Loads what {@code dir} keeps into {@code sim} (before it serves anything), then records every
   * change from now on.
   */
  static StateJournal open(Simulation sim, Path dir, int maxOrders) throws IOException {
    if (maxOrders < 1) {
      throw new IllegalArgumentException("maxOrders must be at least 1, was " + maxOrders);
    }
    StateJournal journal = new StateJournal(sim, dir, maxOrders);
    journal.load();
    sim.orders.changes = journal;
    sim.refunds.changes = journal;
    sim.contracts.changes = journal;
    sim.notifier.changes = journal;
    sim.changes = journal;
    journal.submit(journal::compact); // drops what was evicted, reset or torn; opens the file
    return journal;
  }

  // ---------------------------------------------------------------- StateListener (any thread)

  @Override
  public void order(Order order) {
    submit(() -> writeOrder(order));
  }

  @Override
  public void refund(Refund refund) {
    submit(
        () -> {
          writeOrder(refund.order); // a first refund turns the order into REFUND
          if (sim.refunds.holds(refund)) {
            append(refundJson(refund));
          }
        });
  }

  @Override
  public void contract(Contract contract) {
    submit(
        () -> {
          if (sim.contracts.holds(contract)) {
            append(contractJson(contract));
          }
        });
  }

  @Override
  public void plan(ContractPlan plan) {
    submit(() -> append(planJson(plan)));
  }

  @Override
  public void notification(NotificationAttempt attempt) {
    submit(
        () -> {
          append(notificationJson(attempt));
          sim.notifier.trim(maxNotifications);
        });
  }

  @Override
  public void keys() {
    submit(this::writeKeys);
  }

  @Override
  public void clock() {
    submit(() -> append(clockJson()));
  }

  @Override
  public void reset() {
    submit(this::compact); // the file becomes what memory now holds
  }

  private void submit(Runnable task) {
    try {
      writer.execute(task);
    } catch (RejectedExecutionException e) {
      // closed: the simulator is stopping
    }
  }

  /** Writes what is queued and closes the file. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FileChannel open = channel;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // nothing left to write
      }
    }
  }

  // ---------------------------------------------------------------- writer thread

  private void writeOrder(Order order) {
    if (sim.orders.byOutTradeNo(order.outTradeNo) != order) {
      return; // evicted or reset meanwhile
    }
    append(orderJson(order));
    if (sim.orders.size() > maxOrders) {
      evictOldest();
    }
  }

  private void evictOldest() {
    List<Order> all = sim.orders.all();
    for (int i = 0; i < all.size() - maxOrders; i++) {
      Order oldest = all.get(i);
      sim.contracts.removeOrder(oldest);
      sim.refunds.removeOrder(oldest);
      sim.orders.remove(oldest);
      ObjectNode record = record("evict");
      record.put("out_trade_no", oldest.outTradeNo);
      append(record);
    }
  }

  private void append(ObjectNode record) {
    try {
      FileChannel out = channel;
      if (out == null) {
        return; // not open: a failed rewrite was reported
      }
      write(out, record);
      records++;
      if (records % 256 == 0 && records > SLACK + 2L * live()) {
        compact();
      }
    } catch (IOException | RuntimeException e) {
      warn(e);
    }
  }

  private long live() {
    return sim.orders.size()
        + sim.refunds.stored().size()
        + sim.contracts.all().size()
        + sim.contracts.plans().size()
        + sim.notifier.log().size()
        + 1;
  }

  private static void write(FileChannel out, JsonNode record) throws IOException {
    ByteBuffer bytes =
        ByteBuffer.wrap((Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /** Rewrites the journal from memory into a new file and moves it over the old one. */
  private void compact() {
    try {
      FileChannel old = channel;
      channel = null;
      if (old != null) {
        old.close();
      }
      Path temporary = file.resolveSibling(FILE + ".tmp");
      long written = 0;
      try (FileChannel out = create(temporary, false)) {
        for (ContractPlan plan : sim.contracts.plans()) {
          write(out, planJson(plan));
          written++;
        }
        for (Order order : sim.orders.all()) {
          write(out, orderJson(order));
          written++;
        }
        for (Refund refund : sim.refunds.stored()) {
          write(out, refundJson(refund));
          written++;
        }
        for (Contract contract : sim.contracts.all()) {
          write(out, contractJson(contract));
          written++;
        }
        for (NotificationAttempt attempt : sim.notifier.log()) {
          write(out, notificationJson(attempt));
          written++;
        }
        write(out, clockJson());
        written++;
        out.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      channel = create(file, true);
      records = written;
    } catch (IOException | RuntimeException e) {
      warn(e);
    }
  }

  private static FileChannel create(Path path, boolean append) throws IOException {
    Set<StandardOpenOption> options =
        append
            ? EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
            : EnumSet.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    FileChannel channel =
        OwnerOnlyFiles.posix(path)
            ? FileChannel.open(
                path, options, PosixFilePermissions.asFileAttribute(OwnerOnlyFiles.FILE))
            : FileChannel.open(path, options);
    OwnerOnlyFiles.restrict(path);
    return channel;
  }

  private void writeKeys() {
    try {
      ObjectNode json = Json.object();
      json.put("signing_serial_no", sim.keyRing.signingEntry(sim.now()).serial);
      var array = json.putArray("certificates");
      for (KeyRing.PlatformEntry entry : sim.keyRing.platformEntries()) {
        ObjectNode item = array.addObject();
        item.put("certificate", Crypto.certificatePem(entry.certificate));
        item.put("private_key", Crypto.privateKeyPem(entry.privateKey));
        item.put("reported_effective", entry.reportedEffective.toString());
        item.put("reported_expiry", entry.reportedExpiry.toString());
      }
      json.put("warning", "TEST-ONLY platform keys of the wxpay4j simulator");
      Path temporary = keysFile.resolveSibling(keysFile.getFileName() + ".tmp");
      OwnerOnlyFiles.write(temporary, Json.pretty(json) + "\n");
      Files.move(
          temporary, keysFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      warn(e);
    }
  }

  private void warn(Exception e) {
    if (!warned) {
      warned = true;
      System.err.println(
          "wxpay4j simulator: cannot write its state to "
              + file
              + " ("
              + e
              + "); changes are kept in memory only until it can");
    }
  }

  // ---------------------------------------------------------------- records

  private static ObjectNode record(String type) {
    ObjectNode json = Json.object();
    json.put("type", type);
    return json;
  }

  private static void putTime(ObjectNode json, String name, @Nullable Instant time) {
    if (time != null) {
      json.put(name, time.toString());
    }
  }

  private static void putText(ObjectNode json, String name, @Nullable String text) {
    if (text != null) {
      json.put(name, text);
    }
  }

  static ObjectNode orderJson(Order order) {
    ObjectNode json = record("order");
    json.put("operation_id", order.operationId);
    json.put("trade_type", order.tradeType);
    json.set("request", order.request);
    putTime(json, "create_time", order.createTime);
    putTime(json, "time_expire", order.timeExpire);
    json.put("prepay_id", order.prepayId);
    putText(json, "code_url", order.codeUrl);
    putText(json, "h5_url", order.h5Url);
    json.put("public_key_requested", order.publicKeyRequested);
    synchronized (order) {
      json.put("state", order.state());
      putText(json, "transaction_id", order.transactionId());
      putTime(json, "success_time", order.successTime());
      putText(json, "payer_openid", order.payerOpenid());
    }
    return json;
  }

  static ObjectNode refundJson(Refund refund) {
    ObjectNode json = record("refund");
    json.put("out_trade_no", refund.order.outTradeNo);
    json.put("refund_id", refund.refundId);
    ObjectNode request = json.putObject("request");
    request.put("out_refund_no", refund.outRefundNo);
    putText(request, "sub_mchid", refund.subMchid);
    ObjectNode amount = request.putObject("amount");
    amount.put("refund", refund.amount);
    amount.put("total", refund.total);
    amount.put("currency", refund.currency);
    if (refund.from != null) {
      amount.set("from", refund.from);
    }
    putText(request, "reason", refund.reason);
    putText(request, "notify_url", refund.notifyUrl);
    request.put("funds_account", refund.fundsAccount);
    putTime(json, "create_time", refund.createTime);
    json.put("public_key_requested", refund.publicKeyRequested);
    synchronized (refund) {
      SimulatorRefund state = refund.snapshot();
      putTime(json, "due_at", refund.dueAt());
      json.put("status", state.status());
      json.put("channel", state.channel());
      json.put("user_received_account", state.userReceivedAccount());
      putTime(json, "success_time", state.successTime());
      putText(json, "abnormal_type", state.abnormalRefundType());
      putText(json, "bank_type", state.bankType());
    }
    return json;
  }

  static ObjectNode contractJson(Contract contract) {
    ObjectNode json = record("contract");
    json.put("mchid", contract.mchid);
    json.put("appid", contract.appid);
    json.put("plan_id", contract.planId);
    json.put("out_contract_code", contract.outContractCode);
    json.put("contract_id", contract.contractId);
    json.put("request_serial", contract.requestSerial);
    json.put("display_account", contract.displayAccount);
    json.put("openid", contract.openid);
    json.put("out_trade_no", contract.outTradeNo);
    putText(json, "contract_notify_url", contract.contractNotifyUrl);
    json.put("public_key_requested", contract.publicKeyRequested);
    putTime(json, "signed_time", contract.signedTime);
    putTime(json, "expired_time", contract.expiredTime);
    JsonNode view = contract.json();
    json.put("state", view.path("contract_state").asString());
    if (view.has("contract_terminate_info")) {
      json.set("terminate_info", view.get("contract_terminate_info"));
    }
    return json;
  }

  private static ObjectNode planJson(ContractPlan plan) {
    ObjectNode json = record("plan");
    json.put("plan_id", plan.planId);
    json.put("plan_name", plan.name);
    putText(json, "terminate_notify_url", plan.terminateNotifyUrl);
    return json;
  }

  static ObjectNode notificationJson(NotificationAttempt attempt) {
    ObjectNode json = record("notification");
    json.put("notification_id", attempt.notificationId());
    json.put("out_trade_no", attempt.outTradeNo());
    putText(json, "out_refund_no", attempt.outRefundNo());
    json.put("event_type", attempt.eventType());
    json.put("attempt", attempt.attempt());
    json.put("url", attempt.url());
    putTime(json, "sent_at", attempt.sentAt());
    ObjectNode headers = json.putObject("request_headers");
    attempt.requestHeaders().forEach(headers::put);
    json.put("request_body", attempt.requestBody());
    json.put("status_code", attempt.statusCode());
    json.put("response_body", attempt.responseBody());
    putText(json, "error", attempt.error());
    putText(json, "fault", attempt.fault());
    json.put("sent", attempt.sent());
    return json;
  }

  private ObjectNode clockJson() {
    ObjectNode json = record("clock");
    json.put("offset", sim.clockOffset().toString());
    return json;
  }

  // ---------------------------------------------------------------- load (before serving)

  private void load() throws IOException {
    Map<String, JsonNode> orders = new LinkedHashMap<>();
    Map<String, JsonNode> refunds = new LinkedHashMap<>();
    Map<String, JsonNode> contracts = new LinkedHashMap<>();
    Map<Long, JsonNode> plans = new LinkedHashMap<>();
    List<JsonNode> notifications = new ArrayList<>();
    Duration offset = null;
    if (Files.isRegularFile(file)) {
      OwnerOnlyFiles.restrict(file);
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode json;
          try {
            json = Json.parse(line);
          } catch (JacksonException e) {
            continue; // a line torn by a kill while it was written
          }
          if (json == null || !json.isObject()) {
            continue;
          }
          switch (json.path("type").asString()) {
            case "order":
              orders.put(json.at("/request/out_trade_no").asString(), json);
              break;
            case "refund":
              refunds.put(json.at("/request/out_refund_no").asString(), json);
              break;
            case "contract":
              contracts.put(
                  json.path("plan_id").asLong() + "/" + json.path("out_contract_code").asString(),
                  json);
              break;
            case "plan":
              plans.put(json.path("plan_id").asLong(), json);
              break;
            case "notification":
              notifications.add(json);
              break;
            case "clock":
              offset = Duration.parse(json.path("offset").asString());
              break;
            case "evict":
              String evicted = json.path("out_trade_no").asString();
              orders.remove(evicted);
              refunds.values().removeIf(r -> r.path("out_trade_no").asString().equals(evicted));
              contracts.values().removeIf(c -> c.path("out_trade_no").asString().equals(evicted));
              break;
            default:
              break; // a record of a later version: skipped
          }
        }
      }
    }
    for (JsonNode plan : plans.values()) {
      sim.contracts.configure(
          new ContractPlan(
              plan.path("plan_id").asLong(),
              plan.path("plan_name").asString(),
              text(plan, "terminate_notify_url")));
    }
    List<JsonNode> orderList = new ArrayList<>(orders.values());
    orderList.sort(Comparator.comparing(o -> Instant.parse(o.path("create_time").asString())));
    for (JsonNode json :
        orderList.subList(Math.max(0, orderList.size() - maxOrders), orderList.size())) {
      Order order = order(json);
      sim.orders.restore(order);
      sim.contracts.restoreOrder(order);
    }
    for (JsonNode json : contracts.values()) {
      if (sim.orders.byOutTradeNo(json.path("out_trade_no").asString()) != null) {
        sim.contracts.restore(contract(json));
      }
    }
    List<JsonNode> refundList = new ArrayList<>(refunds.values());
    refundList.sort(Comparator.comparing(r -> Instant.parse(r.path("create_time").asString())));
    for (JsonNode json : refundList) {
      Order order = sim.orders.byOutTradeNo(json.path("out_trade_no").asString());
      if (order != null) {
        sim.refunds.restore(refund(order, json));
      }
    }
    List<NotificationAttempt> attempts = new ArrayList<>();
    for (JsonNode json :
        notifications.subList(
            Math.max(0, notifications.size() - maxNotifications), notifications.size())) {
      attempts.add(attempt(json));
    }
    sim.notifier.restore(attempts);
    if (offset != null) {
      sim.restoreClockOffset(offset);
    }
    if (Files.isRegularFile(keysFile)) {
      OwnerOnlyFiles.restrict(keysFile);
      JsonNode keys = Json.parse(Files.readString(keysFile, StandardCharsets.UTF_8));
      List<KeyRing.PlatformEntry> entries = new ArrayList<>();
      for (JsonNode item : keys.path("certificates")) {
        X509Certificate certificate = Crypto.readCertificate(item.path("certificate").asString());
        KeyRing.PlatformEntry entry =
            new KeyRing.PlatformEntry(
                certificate,
                Crypto.readPrivateKey(item.path("private_key").asString()),
                Instant.parse(item.path("reported_effective").asString()));
        entry.reportedExpiry = Instant.parse(item.path("reported_expiry").asString());
        entries.add(entry);
      }
      if (!entries.isEmpty()) {
        sim.keyRing.restore(entries, keys.path("signing_serial_no").asString());
      }
    }
  }

  private static @Nullable String text(JsonNode json, String name) {
    JsonNode value = json.path(name);
    return value.isString() ? value.asString() : null;
  }

  private static @Nullable Instant time(JsonNode json, String name) {
    String text = text(json, name);
    return text == null ? null : Instant.parse(text);
  }

  private static Order order(JsonNode json) {
    Order order =
        new Order(
            json.path("request"),
            json.path("operation_id").asString(),
            json.path("trade_type").asString(),
            Instant.parse(json.path("create_time").asString()),
            Instant.parse(json.path("time_expire").asString()),
            json.path("prepay_id").asString(),
            text(json, "code_url"),
            text(json, "h5_url"),
            json.path("public_key_requested").asBoolean());
    String state = json.path("state").asString();
    String transactionId = text(json, "transaction_id");
    if (transactionId != null) {
      order.markPaid(transactionId, time(json, "success_time"), text(json, "payer_openid"));
    }
    switch (state) {
      case Order.REFUND:
        order.markRefund();
        break;
      case Order.PAYERROR:
        order.markPayError();
        break;
      case Order.CLOSED:
        order.markClosed();
        break;
      default:
        break; // NOTPAY, or SUCCESS set by markPaid
    }
    return order;
  }

  private static Refund refund(Order order, JsonNode json) {
    Instant dueAt = Instant.parse(json.path("due_at").asString());
    Refund refund =
        new Refund(
            order,
            json.path("refund_id").asString(),
            json.path("request"),
            Instant.parse(json.path("create_time").asString()),
            dueAt,
            json.path("public_key_requested").asBoolean());
    String status = json.path("status").asString();
    refund.restore(
        status,
        json.path("channel").asString(),
        json.path("user_received_account").asString(),
        time(json, "success_time"),
        text(json, "abnormal_type"),
        text(json, "bank_type"),
        null,
        null);
    if (Refund.PROCESSING.equals(status)) {
      refund.process(dueAt);
    }
    return refund;
  }

  private static Contract contract(JsonNode json) {
    Contract contract =
        new Contract(
            json.path("mchid").asString(),
            json.path("appid").asString(),
            json.path("plan_id").asLong(),
            json.path("out_contract_code").asString(),
            json.path("contract_id").asString(),
            json.path("request_serial").asString(),
            json.path("display_account").asString(),
            json.path("openid").asString(),
            json.path("out_trade_no").asString(),
            text(json, "contract_notify_url"),
            json.path("public_key_requested").asBoolean(),
            json.path("state").asString(),
            time(json, "signed_time"),
            time(json, "expired_time"));
    JsonNode info = json.path("terminate_info");
    if (info.isObject()) {
      contract.terminate(
          info.path("contract_termination_mode").asString(),
          OffsetDateTime.parse(info.path("contract_terminated_time").asString()).toInstant(),
          text(info, "contract_termination_remark"));
    }
    return contract;
  }

  private static NotificationAttempt attempt(JsonNode json) {
    Map<String, String> headers = new LinkedHashMap<>();
    json.path("request_headers")
        .properties()
        .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
    return new NotificationAttempt(
        json.path("notification_id").asString(),
        json.path("out_trade_no").asString(),
        text(json, "out_refund_no"),
        json.path("event_type").asString(),
        json.path("attempt").asInt(),
        json.path("url").asString(),
        Instant.parse(json.path("sent_at").asString()),
        headers,
        json.path("request_body").asString(),
        json.path("status_code").asInt(),
        json.path("response_body").asString(),
        text(json, "error"),
        text(json, "fault"),
        json.path("sent").asBoolean());
  }
}
