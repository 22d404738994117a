/** Start-up, wiring of the object graph, and the HTTP listener. */
package com.llmgateway.server;
