/** The OpenAI and Anthropic wire formats: model-field rewrite, SSE parsing, header rules, error shapes. No policy. */
package com.llmgateway.protocol;
