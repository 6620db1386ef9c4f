# ropa in a container.
#
#   docker build -t ropa .
#   docker run --rm -v "$PWD:/work" ropa check registers/
#
# With Chromium, to print documents to PDF (a larger image):
#
#   docker build --build-arg WITH_CHROMIUM=1 -t ropa:pdf .
#   docker run --rm -v "$PWD:/work" ropa:pdf render register registers/acme --format pdf -o register.pdf

# Build stage: the release binary, with the dependencies fetched in a layer of their own.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY templates templates
COPY tests/bench tests/bench
RUN cargo build --release --locked --bin ropa

# Runtime stage: a small Debian with git (for `ropa diff` and the register version in
# documents), Chromium only when asked for.
FROM debian:bookworm-slim
ARG WITH_CHROMIUM=0
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git \
 && if [ "$WITH_CHROMIUM" = "1" ]; then apt-get install -y --no-install-recommends chromium fonts-liberation; fi \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 ropa \
 && git config --system --add safe.directory '*'
COPY --from=build /src/target/release/ropa /usr/local/bin/ropa
COPY LICENSE /usr/share/doc/ropa/LICENSE
USER ropa
WORKDIR /work
ENTRYPOINT ["ropa"]
CMD ["--help"]
