FROM alpine:3.20
RUN apk add --no-cache python3 py3-pip && pip install --break-system-packages obfsproxy
ENV DATA_DIR /var/lib/obfsproxy
ENV STATE_PATH=/var/lib/obfsproxy/state.pickle
EXPOSE 4911
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && mkdir -p /var/lib/obfsproxy \
    && chown app:app /var/lib/obfsproxy
USER 1001:1001
CMD obfsproxy --data-dir=$DATA_DIR scramblesuit server 0.0.0.0:4911
