# syntax=docker/dockerfile:1
#
# One image for every process of Tiếng Dân:
#   API (default):  node dist/src/server.js
#   worker:         node dist/workers/index.js
#   seed (one-off): node dist/src/seed.js          (add --demo for demo submissions)
# Configuration comes from environment variables only (see config/env.ts and
# docs/operations.md).

# ---- build: compile TypeScript to dist/ -------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
COPY workers ./workers
# tsc writes dist/src, dist/workers and dist/config (with config/reference/*.json).
RUN npm run build

# ---- runtime: production dependencies and the compiled code only ------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Liberation Serif (Times New Roman's metrics, Vietnamese glyphs) for the PDF reports.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-liberation2 \
  && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
# Install scripts stay on: msgpackr-extract (an optional native dependency of
# BullMQ) needs its own.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/dist ./dist

# The image's unprivileged user; the code and node_modules stay owned by root,
# read-only for the process.
USER node

ENV PORT=3000
EXPOSE 3000

# Liveness of the API, with node itself (slim images have no curl or wget).
# Processes that serve no HTTP (worker, seed) must run with this check disabled
# (compose: `healthcheck: disable: true`; docker run: --no-healthcheck).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node runs as PID 1 and handles SIGTERM itself (graceful shutdown); no npm in
# between, which would not pass the signal on.
CMD ["node", "dist/src/server.js"]
