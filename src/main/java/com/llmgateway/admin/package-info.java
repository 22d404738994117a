/** The admin REST API under {@code /api}: auth, providers, models, mappings, API keys. */
package com.llmgateway.admin;
