FROM elixir:1.17-slim AS builder
WORKDIR /app
COPY . .
RUN mix release

FROM debian:bookworm-slim AS final
WORKDIR "/app"
RUN chown nobody /app

ENV MIX_ENV="prod"
# Only copy the final release from the build stage
COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/flagd_ui ./

EXPOSE 4000
USER 65534:65534
CMD ["/app/bin/server"]
