/** Provider health (circuit breakers, retry hints) and the per-model error and timeout policies of the exchange. */
package com.llmgateway.health;
