FROM python:3.12-alpine AS base
CMD ["python3", "-m", "app"]

FROM base
RUN apk add --no-cache \
	libffi
EXPOSE 5000