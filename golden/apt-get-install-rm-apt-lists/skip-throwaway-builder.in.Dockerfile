FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc
FROM debian:bookworm-slim
COPY --from=build /etc/hostname /x
