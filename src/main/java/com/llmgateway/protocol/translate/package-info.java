/** OpenAI Chat Completions and Anthropic Messages translated into each other: requests, responses, streams, errors. */
package com.llmgateway.protocol.translate;
