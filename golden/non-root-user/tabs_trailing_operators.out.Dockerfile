FROM alpine:3.19
RUN apk add --no-cache \
	python3 \
	py3-requests && \
	rm -rf /tmp/*
COPY run.py /usr/local/bin/run.py
RUN addgroup -S -g 1001 app && \
	adduser -S -D -u 1001 -G app app
USER 1001:1001
ENTRYPOINT ["python3", "/usr/local/bin/run.py"]
