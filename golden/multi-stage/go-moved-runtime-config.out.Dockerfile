FROM golang:1.22-alpine AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
WORKDIR /app
COPY --from=build /app/server /app/server
# metadata
LABEL maintainer="ops@example.com"
EXPOSE 8080
# the process is told to stop with SIGINT
STOPSIGNAL SIGINT
CMD ["/app/server"]
