FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /thumbs .

FROM gcr.io/distroless/static-debian12
COPY --from=build /thumbs /thumbs
EXPOSE 8000
CMD ["/thumbs"]
