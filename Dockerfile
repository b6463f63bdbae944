# Meterkast for a home server (amd64 or arm64, e.g. a Raspberry Pi 4/5 with a 64-bit OS).
# Used by docker-compose.yml; alone: docker build -t meterkast . && docker run -p 8080:8080 -v meterkast-data:/data meterkast

# ---- build: the packaged jar, as in README ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY webroot webroot
# -DskipTests: the tests start PostgreSQL, the Fluvius simulator and a headless browser and take minutes (far
# more on a Pi). CI runs `mvn -B verify` on the same commit, and .ci/run runs these two Maven steps as written.
RUN mvn -B package -DskipTests

# ---- run: a JRE, the jar, an unprivileged user ----
FROM eclipse-temurin:17-jre
# curl for the health check
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin meterkast \
 && mkdir -p /app /data \
 && chown meterkast:meterkast /app /data
COPY --from=build /src/target/meterkast.jar /app/meterkast.jar
USER meterkast
WORKDIR /app
# Class-data sharing: one start at build time (on the embedded PostgreSQL, until /login answers) writes the classes
# it loaded to an archive; every real start maps it instead of loading and verifying those classes again (README,
# Performance: start-up). Without an archive (the training start failed) the JVM starts as before.
RUN mkdir -p /app/cds \
 && (METERKAST_DATA_DIR=/tmp/cds-data METERKAST_PORT=18080 java -XX:ArchiveClassesAtExit=/app/cds/meterkast.jsa \
       -XX:+UseSerialGC -Xmx256m -Dfile.encoding=UTF-8 -jar /app/meterkast.jar serve & pid=$!; \
     for i in $(seq 1 900); do curl -fsS -o /dev/null http://127.0.0.1:18080/login && break; sleep 0.2; done; \
     kill -TERM $pid; wait $pid; true) \
 && rm -rf /tmp/cds-data \
 && ls -l /app/cds
# The data directory holds the key file (secret-keyset.json) and, without DATABASE_URL, the embedded database
ENV METERKAST_DATA_DIR=/data \
    METERKAST_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${METERKAST_PORT}/health" || exit 1
# Exec form: java is PID 1 and gets Docker's SIGTERM, which stops the portal gracefully.
# Half the container's memory limit for the heap leaves room for metaspace, threads and the page cache. The
# serial collector keeps no per-core GC threads or regions: on a Pi-sized heap it pauses for milliseconds, and the
# default (G1) grew the process to well over a gigabyte resident (README, Performance). Metaspace, code cache and
# thread stacks capped at what the portal uses, with room to spare.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/cds/meterkast.jsa", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=128m", \
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", \
            "-jar", "/app/meterkast.jar"]
CMD ["serve"]
