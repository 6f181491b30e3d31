FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y gcc && gcc -o /hello /hello.c
FROM scratch
COPY --from=build /hello /hello
