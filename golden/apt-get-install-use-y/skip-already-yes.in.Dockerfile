FROM debian:bookworm
RUN apt-get update && apt-get -qq install curl && apt-get install -yq wget && apt-get --assume-yes install git && apt-get -o APT::Get::Assume-Yes=true install make
