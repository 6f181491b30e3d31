FROM alpine:3.20
RUN apk add --no-cache coredns
EXPOSE 53/udp
CMD ["coredns"]
