FROM golang:1.23-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/watcher .

FROM alpine:3.20
LABEL org.opencontainers.image.description="Restarts unhealthy containers. Run with -v /var/run/docker.sock:/var/run/docker.sock"
COPY --from=build /out/watcher /usr/local/bin/watcher
CMD ["watcher"]
