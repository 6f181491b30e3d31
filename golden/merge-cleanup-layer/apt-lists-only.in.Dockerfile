FROM ubuntu:24.04
RUN apt-get update
RUN apt-get install -y --no-install-recommends nginx
RUN rm -rf /var/lib/apt/lists/*
CMD ["nginx", "-g", "daemon off;"]
