FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN npm ci
CMD ["node", "server.js"]
