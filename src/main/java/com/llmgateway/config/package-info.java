/** Settings from the environment and {@code .env}, validated once at start. */
package com.llmgateway.config;
