FROM alpine:3.20
RUN curl --location -o a https://example.com/a && curl -fsSLo b https://example.com/b
