# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS tools
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN npm install -g yarn

FROM node:20-bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN npm install -g pnpm
