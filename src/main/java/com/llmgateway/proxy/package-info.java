/** The exchange of one client request: selection, attempts, retry and failover, and the streaming relay. */
package com.llmgateway.proxy;
