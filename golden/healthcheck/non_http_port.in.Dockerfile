FROM alpine:3.19
COPY nanomq /usr/local/bin/nanomq
EXPOSE 1883
CMD ["nanomq", "start"]
