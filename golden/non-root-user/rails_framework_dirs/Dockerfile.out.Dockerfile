FROM ruby:3.3-slim
WORKDIR /rails
RUN apt-get update -qq && apt-get install --no-install-recommends -y build-essential libpq-dev
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
EXPOSE 3000
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p /rails/db /rails/log /rails/storage /rails/tmp \
    && chown app:app /rails \
    && chown -R app:app /rails/db /rails/log /rails/storage /rails/tmp
USER 1001:1001
CMD ["./bin/rails", "server", "-b", "0.0.0.0"]
