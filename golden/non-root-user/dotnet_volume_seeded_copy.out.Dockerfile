FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Api.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/publish .
COPY --chown=1654:1654 seed/appsettings.json /data/
COPY --chown=1654:1654 seed/keys/ /data/keys/
VOLUME /data
RUN mkdir -p /data \
    && chown app:app /app /data
USER 1654:1654
ENTRYPOINT ["dotnet", "Api.dll"]
