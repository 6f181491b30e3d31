FROM rust:1.79 AS build
WORKDIR /usr/src/linkcheck
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch --locked
COPY . .
RUN cargo build --release --locked && cp target/release/linkcheck /usr/local/bin/

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/linkcheck
COPY --from=build /usr/local/bin/linkcheck /usr/local/bin/linkcheck
ENTRYPOINT ["linkcheck"]
