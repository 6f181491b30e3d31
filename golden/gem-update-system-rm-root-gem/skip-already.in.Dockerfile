FROM ruby:3.3
RUN gem update --system && rm -rf /root/.gem
