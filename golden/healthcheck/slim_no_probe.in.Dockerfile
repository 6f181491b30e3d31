FROM debian:bookworm-slim
COPY server /usr/local/bin/server
EXPOSE 8080
ENTRYPOINT ["server"]
