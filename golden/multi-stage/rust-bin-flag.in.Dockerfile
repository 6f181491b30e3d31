FROM rust:1.82-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN cargo build --release --bin api-server
EXPOSE 8000
CMD ["/app/target/release/api-server"]
