# Engram in a container: built with the SDK image, run on the ASP.NET runtime image as a non-root
# user, with its SQLite file (or nothing, on PostgreSQL) under the /data volume.
#   docker build -t engram .
#   docker run -p 5080:5080 -v engram-data:/data engram        # the first start prints an API key
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# tests/Engram.Tests/PublishTests.cs runs this very command and starts what it writes.
RUN dotnet publish src/Engram -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl answers the health check; the runtime image has none of its own.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown app:app /data
WORKDIR /app
COPY --from=build /app .
USER app
VOLUME /data
ENV ENGRAM_DATABASE=/data/engram.db ENGRAM_URLS=http://0.0.0.0:5080
EXPOSE 5080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
ENTRYPOINT ["dotnet", "engram.dll"]
CMD ["serve"]
