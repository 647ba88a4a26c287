# Portal ASN: multi-stage build, runs as a non-root user, migrates then serves.
#   docker build -t portal-asn .
#   docker run -p 8000:8000 -e PORTAL_ENV=production -e PORTAL_SECRET_KEY=... \
#     -e PORTAL_DATABASE_URL=postgres://portal:pw@db:5432/portal -e PORTAL_BASE_URL=https://... portal-asn

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY portal ./portal
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --upgrade pip \
 && /opt/venv/bin/pip install ".[redis]"

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORTAL_ENV=production \
    PORTAL_WEB_DIR=/app/web \
    PORTAL_TRUSTED_DOCUMENTS_DIR=/app/schema/operations \
    PORTAL_DATABASE_URL=sqlite:///app/var/portal.sqlite3
RUN groupadd --system portal && useradd --system --gid portal --home /app portal \
 && mkdir -p /app/var && chown portal:portal /app/var
COPY --from=build /opt/venv /opt/venv
COPY web /app/web
COPY schema/operations /app/schema/operations
COPY scripts/docker-entrypoint /usr/local/bin/docker-entrypoint
WORKDIR /app
USER portal
EXPOSE 8000
# Liveness only (/healthz): a database outage must not get every container restarted. Load
# balancers use /readyz (database reachable, migrations applied); see docs/deploy.md.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"
ENTRYPOINT ["docker-entrypoint"]
CMD ["portal", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
