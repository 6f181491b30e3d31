# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN curl -fsSL https://example.com/a.zip -o a.zip `
    && echo done