FROM alpine:3
RUN apk add --no-cache cmus
VOLUME /root/.config/cmus
ENV CMUS_SOCKET=0.0.0.0:3000
EXPOSE 3000
ENTRYPOINT cmus
