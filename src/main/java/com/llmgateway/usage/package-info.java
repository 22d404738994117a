/** Token counting and prices: what a request and its response cost. */
package com.llmgateway.usage;
