FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
WORKDIR /app
COPY --from=builder /out/app .
ENTRYPOINT ["./app"]
