# Baton worker and API image (one image, role chosen by BATON_ROLE).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY . .
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
