FROM gcr.io/distroless/static-debian12:nonroot
COPY orders /usr/bin/orders
EXPOSE 8080
ENTRYPOINT ["/usr/bin/orders"]
