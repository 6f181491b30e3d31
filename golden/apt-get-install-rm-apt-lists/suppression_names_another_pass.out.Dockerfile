FROM debian:bookworm-slim
# hadolint ignore=DL3015
RUN apt-get update && apt-get install -y texlive-latex-base && rm -rf /var/lib/apt/lists/*
COPY report.tex /work/
