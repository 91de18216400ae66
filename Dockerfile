# Baton worker and API image (one image, role chosen by BATON_ROLE).
# The web console is built in a first stage with the dev dependencies (Vite, React) and only its
# static files are copied into the runtime image, which keeps the production dependencies only.
FROM node:20-bookworm-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY . .
COPY --from=console /app/web/dist web/dist
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
