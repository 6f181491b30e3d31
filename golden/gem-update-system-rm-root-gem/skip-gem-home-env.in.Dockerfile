FROM ruby:3.3-alpine
ENV GEM_HOME /root/.gem
RUN gem update --system 3.5.6 \
    && gem install --no-document rails
CMD ["rails", "server"]
