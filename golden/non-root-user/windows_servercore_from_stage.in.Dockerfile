FROM mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022 AS base
WORKDIR /app
EXPOSE 8080

FROM base AS final
COPY . .
ENTRYPOINT ["dotnet", "web.dll"]
