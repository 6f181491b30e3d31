FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04 AS base
SHELL ["pwsh", "-Command"]

FROM base
RUN npm ci
