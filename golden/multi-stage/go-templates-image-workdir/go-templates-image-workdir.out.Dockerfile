FROM golang:1.22 AS build
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/web .

FROM gcr.io/distroless/static-debian12 AS runtime
WORKDIR /go
COPY --from=build /usr/local/bin/web /usr/local/bin/web
COPY --from=build /go/templates /go/templates
EXPOSE 8080
CMD ["web"]
