# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN curl -sSL https://example.com/a.zip -o a.zip `
    && echo done