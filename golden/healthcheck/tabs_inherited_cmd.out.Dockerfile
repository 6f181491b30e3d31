FROM python:3.12-alpine AS base
CMD ["python3", "-m", "app"]

FROM base
RUN apk add --no-cache \
	libffi
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
	CMD ["nc", "-z", "-w", "5", "127.0.0.1", "5000"]