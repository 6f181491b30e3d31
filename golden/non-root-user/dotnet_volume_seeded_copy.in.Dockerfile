FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Api.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/publish .
COPY seed/appsettings.json /data/
COPY seed/keys/ /data/keys/
VOLUME /data
ENTRYPOINT ["dotnet", "Api.dll"]
