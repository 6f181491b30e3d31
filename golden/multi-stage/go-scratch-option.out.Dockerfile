FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /bin/hello .

FROM scratch AS runtime
WORKDIR /src
COPY --from=build /bin/hello /bin/hello
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["/bin/hello"]
