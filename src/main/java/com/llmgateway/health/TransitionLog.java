package com.llmgateway.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every circuit transition at INFO: operators read why a provider stopped (or started again) receiving traffic. */
public final class TransitionLog implements HealthListener {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);

    @Override
    public void onTransition(HealthTransition transition) {
        LOG.info(
                "Health of {}: {} -> {} ({})",
                transition.key(),
                transition.from().wireName(),
                transition.to().wireName(),
                transition.reason());
    }
}
