FROM ruby:3.3
RUN gem install --no-document bundler -v 2.5.6 && gem update --no-document --system
