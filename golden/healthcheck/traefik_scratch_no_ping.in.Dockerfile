FROM traefik:v3.1 AS traefik

FROM scratch
COPY --from=traefik /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=traefik /usr/local/bin/traefik /traefik
EXPOSE 80
ENTRYPOINT ["/traefik"]
CMD ["--providers.file.directory=/etc/traefik/dynamic", "--entrypoints.web.address=:80"]
