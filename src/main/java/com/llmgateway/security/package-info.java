/** Gateway key hashing and masking, provider key encryption, header redaction, admin tokens. */
package com.llmgateway.security;
