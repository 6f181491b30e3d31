FROM golang:1.22 AS build
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12 AS runtime
WORKDIR /go
COPY --from=build /out/app /out/app
CMD ["/out/app"]
