/** Rule engine, the immutable routing snapshot, candidate ordering and selection strategies. */
package com.llmgateway.routing;
