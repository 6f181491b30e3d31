FROM alpine:3.20
RUN apk add --no-cache python3 py3-pip && pip install --break-system-packages obfsproxy
ENV DATA_DIR /var/lib/obfsproxy
ENV STATE_PATH=/var/lib/obfsproxy/state.pickle
EXPOSE 4911
CMD obfsproxy --data-dir=$DATA_DIR scramblesuit server 0.0.0.0:4911
