FROM debian:bookworm-slim
COPY --from=ghcr.io/acme/relay:1.4 /usr/local/bin/relay /usr/local/bin/relay
EXPOSE 7070
ENTRYPOINT ["relay", "--listen", ":7070"]
