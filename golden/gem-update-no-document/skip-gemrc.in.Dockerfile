FROM ruby:3.3
RUN echo "gem: --no-document" > /etc/gemrc && gem install rails
