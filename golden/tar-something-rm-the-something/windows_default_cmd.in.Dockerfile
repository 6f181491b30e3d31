FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
WORKDIR C:\app
RUN curl.exe -fsSLo app.tar.gz https://example.com/app.tar.gz && tar -xzf app.tar.gz
CMD ["app.exe"]
