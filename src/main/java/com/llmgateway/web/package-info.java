/** The operator console: the single-page app's files served at {@code /}, with deep links answered by its index. */
package com.llmgateway.web;
