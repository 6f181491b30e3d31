FROM debian:bookworm
RUN for v in a b; do d=$(mktemp -d); echo "$d"; done
