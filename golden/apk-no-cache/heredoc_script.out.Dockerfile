# syntax=docker/dockerfile:1.4
FROM golang:1.22-alpine AS dev-envs
RUN <<EOF
apk update
apk add --no-cache git
EOF
RUN <<'EOT' sh
apk add curl
EOT
CMD ["go", "run", "."]
