# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell.exe", "-Command"]
RUN curl -o app.zip https://example.com/app.zip; `
    Expand-Archive app.zip -DestinationPath C:\app
