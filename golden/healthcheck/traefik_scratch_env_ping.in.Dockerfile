FROM traefik:v3.1 AS traefik

FROM scratch
COPY --from=traefik /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=traefik /usr/local/bin/traefik /traefik
ENV TRAEFIK_PING=true \
    TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80
EXPOSE 80
ENTRYPOINT ["/traefik"]
CMD ["--providers.file.directory=/etc/traefik/dynamic"]
