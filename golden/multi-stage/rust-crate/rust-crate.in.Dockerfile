FROM rust:1.79
WORKDIR /usr/src/linkcheck
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch --locked
COPY . .
RUN cargo build --release --locked && cp target/release/linkcheck /usr/local/bin/
ENTRYPOINT ["linkcheck"]
