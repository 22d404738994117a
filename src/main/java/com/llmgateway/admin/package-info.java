/** The admin REST API under {@code /api}: auth, providers, models, mappings, API keys, request logs. */
package com.llmgateway.admin;
