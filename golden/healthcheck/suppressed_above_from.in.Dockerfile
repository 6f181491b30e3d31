FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/svc ./cmd/svc

# the orchestrator probes /ready itself
# dockmod: ignore[healthcheck]
FROM debian:bookworm-slim
COPY --from=build /out/svc /usr/local/bin/svc
EXPOSE 8080
CMD ["svc"]
