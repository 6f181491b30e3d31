FROM mcr.microsoft.com/dotnet/runtime-deps:10.0.11-alpine3.23
WORKDIR /usr/src/app/
COPY --from=builder /cart/ ./
ENTRYPOINT [ "./cart" ]
