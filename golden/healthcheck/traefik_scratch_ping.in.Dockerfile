FROM traefik:v3.1 AS traefik

FROM scratch
COPY --from=traefik /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=traefik /usr/local/bin/traefik /traefik
EXPOSE 80 8080
ENTRYPOINT ["/traefik"]
CMD ["--ping=true", "--providers.file.directory=/etc/traefik/dynamic", "--entrypoints.web.address=:80"]
