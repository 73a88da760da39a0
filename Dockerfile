# jetsam serve beside a mounted Jets checkout.
#   docker build -t jetsam .
#   head -c 32 /dev/urandom | base64 > token
#   docker run --rm -p 127.0.0.1:8080:8080 -v ~/src/my-app:/checkout:ro -v "$PWD/token:/run/jetsam/token:ro" jetsam
#   curl -H "Authorization: Bearer $(cat token)" 'localhost:8080/v1/roles?env=prod'
# In a container the server must listen on the container's own address to be reached through a
# published port, and jetsam then requires a bearer token (--token).
FROM debian:12 AS build
WORKDIR /src
COPY .ci/setup .ci/setup
RUN bash .ci/setup
COPY . .
RUN cmake -S . -B /build -DJETSAM_BUILD_TESTS=OFF -DJETSAM_BUILD_BENCH=OFF \
 && cmake --build /build -j"$(nproc)" --target jetsam

FROM debian:12-slim
# git: `GET /v1/diff?rev=` reads config/jets/ at a revision of the mounted repository.
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'
COPY --from=build /build/jetsam /usr/local/bin/jetsam
USER nobody
EXPOSE 8080
ENTRYPOINT ["jetsam", "serve", "/checkout", "--listen", "0.0.0.0:8080", "--token", "/run/jetsam/token"]
