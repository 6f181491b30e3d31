FROM ruby:3.3
RUN gem install --user-install rake
RUN gem update --system
