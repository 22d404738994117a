/** JDBC storage: the connection pool, Flyway migrations per database, and the tables' repositories. */
package com.llmgateway.store;
