# One image for the four services; APP chooses which one runs (concepts, funds, reporting or notifications).
# Node 24 LTS (supported to April 2028); Node 20, the floor in package.json `engines`, reached its end of life.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
ARG APP
ENV APP=${APP}
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
