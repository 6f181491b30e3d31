FROM alpine:3.19
RUN apk add --no-cache \
	python3 \
	py3-requests && \
	rm -rf /tmp/*
COPY run.py /usr/local/bin/run.py
ENTRYPOINT ["python3", "/usr/local/bin/run.py"]
