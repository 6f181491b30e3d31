FROM mcr.microsoft.com/dotnet/runtime-deps:10.0.11-alpine3.23
WORKDIR /usr/src/app/
COPY --from=builder /cart/ ./
RUN chown app:app /usr/src/app
USER 1654:1654
ENTRYPOINT [ "./cart" ]
