FROM circleci/ruby:2.7
RUN sudo -E gem install --no-document bundler -v 2.4.22
