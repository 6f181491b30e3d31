FROM debian:bookworm-slim
# texlive needs its recommended fonts to render the reports
# hadolint ignore=DL3008,DL3015
RUN apt-get update \
    && apt-get install -y texlive-latex-base \
    && rm -rf /var/lib/apt/lists/*
COPY report.tex /work/
