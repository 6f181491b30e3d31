FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/orders .

FROM gcr.io/distroless/static-debian12:debug
COPY --from=build /out/orders /orders
ENV ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/busybox/sh", "-c", "exec /orders -addr \"$ADDR\""]
