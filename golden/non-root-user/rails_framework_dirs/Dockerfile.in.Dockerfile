FROM ruby:3.3-slim
WORKDIR /rails
RUN apt-get update -qq && apt-get install --no-install-recommends -y build-essential libpq-dev
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
EXPOSE 3000
CMD ["./bin/rails", "server", "-b", "0.0.0.0"]
