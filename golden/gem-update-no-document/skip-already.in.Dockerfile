FROM ruby:3.3
RUN gem install -N rails && gem install --no-document puma
