# syntax=docker/dockerfile:1
# One image with the gateway and its console (seed-spec section 11).
#   docker build -t llm-gateway .
#   docker run -p 8000:8000 -v "$(pwd)/data:/data" llm-gateway
# The build stage runs the README's build command; Maven builds the console with npm, so Node is there too.

FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-25 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && node --version && npm --version
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    mvn -B -DskipTests package

FROM eclipse-temurin:25-jre
# curl for the health check; a non-root user owning /data, where the SQLite file, the generated master key and the
# request log's spill file live (./data of the working directory points there too).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 appuser \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin appuser \
    && mkdir -p /app /data \
    && ln -s /data /app/data \
    && chown appuser:appuser /data
WORKDIR /app
COPY --from=build /src/target/llm-gateway.jar /app/llm-gateway.jar
ENV DATABASE_URL=sqlite+aiosqlite:////data/llm_gateway.db \
    HOST=0.0.0.0 \
    PORT=8000
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1
# SIGTERM (docker stop) drains requests in flight for SHUTDOWN_GRACE_SECONDS (30 s): give docker stop -t 40.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/llm-gateway.jar"]
