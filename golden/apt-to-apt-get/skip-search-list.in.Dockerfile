FROM debian:bookworm
RUN apt search curl && apt list --installed
