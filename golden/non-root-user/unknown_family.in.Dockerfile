FROM registry.example.com/platform/runtime:3
COPY service /service
CMD ["/service"]
