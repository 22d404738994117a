package com.llmgateway.health;

/**
 * Told about every state change of a circuit, for logs and metrics. Called on the thread that caused or noticed the
 * change (an event loop), after the circuit's lock is released: it must be quick and must not block. An exception it
 * throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface HealthListener {
    HealthListener NONE = transition -> {};

    void onTransition(HealthTransition transition);

    /** This listener, then {@code next}. */
    default HealthListener andThen(HealthListener next) {
        return transition -> {
            onTransition(transition);
            next.onTransition(transition);
        };
    }
}
