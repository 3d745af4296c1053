package io.wxpay4j.simulator;

/**
 * Told about every change of the simulator's state, so that it can be kept on disk ({@link
 * StateJournal}). Called outside the books' and the entities' locks; implementations must not block
 * for long (the journal only queues the change).
 */
interface StateListener {
  /** An order was created or changed state. */
  default void order(Order order) {}

  /** A refund was created or changed state (its order may have changed too). */
  default void refund(Refund refund) {}

  /** A contract was signed, refused or terminated. */
  default void contract(Contract contract) {}

  /** A deduction template was configured. */
  default void plan(ContractPlan plan) {}

  /** A notification attempt was logged. */
  default void notification(NotificationAttempt attempt) {}

  /** A platform certificate was added or activated. */
  default void keys() {}

  /** The simulator's clock was moved. */
  default void clock() {}

  /** Orders, refunds, contracts and the notification log were forgotten. */
  default void reset() {}

  /** Keeps nothing (an in-memory simulator). */
  StateListener NONE = new StateListener() {};
}
