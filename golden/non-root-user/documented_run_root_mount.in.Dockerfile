# Run mop-tracker in a container
#
# docker run -it --rm \
# 	-v ~/.moprc:/root/.moprc \
# 	--name mop \
# 	r.j3ss.co/mop
#
FROM golang:alpine AS builder
RUN go install github.com/mop-tracker/mop/cmd/mop@latest

FROM alpine:latest
COPY --from=builder /go/bin/mop /usr/bin/mop
ENTRYPOINT [ "mop" ]
