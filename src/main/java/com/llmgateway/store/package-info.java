/** JDBC storage: the connection pool, Flyway migrations per database, the tables' repositories, the request log writer. */
package com.llmgateway.store;
