FROM ruby:3.3
RUN gem update --system 3.5.6 \
    && gem install --no-document bundler
