FROM alpine:3.20
RUN apk add --no-cache vault
ENV VAULT_ADDR=https://127.0.0.1:8200
EXPOSE 8200
ENTRYPOINT ["vault", "server", "-config=/etc/vault.hcl"]
