#!/usr/bin/env bash
# Runs Skim locally with no Docker: a real single-node KRaft Kafka broker (Kafka's own server
# classes from Maven Central, as a child JVM), the compressor, the LLM bridge, and ingest
# publishing a generated video (or the video file given as the first argument).
#
#   deploy/local/run.sh [VIDEO_FILE | synthetic:frames=300,...] [--no-build] [--exit] [--keep]
#
# --no-build: use what is already built; --exit: stop everything after the summary;
# --keep: keep the broker data and app state of the previous run (default: start fresh).
#
# Ctrl-C, SIGTERM or the end of --exit stop ingest, then the compressor and bridge (SIGTERM, up to
# APP_STOP_SECONDS=40 each, then SIGKILL), then the broker: no process is left.
#
# Environment: SKIM_DATA (default .skim: broker data, app state, logs), KAFKA_PORT (19092),
# BRIDGE_PORT (8080), COMPRESSOR_PORT (8081), STREAM_ID (demo), PARTITIONS (4).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

SOURCE="synthetic:frames=300,fps=10,size=640x360,seed=42"
BUILD=1
EXIT_AFTER=0
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --exit) EXIT_AFTER=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) SOURCE="$arg" ;;
  esac
done
if [[ "$SOURCE" != synthetic:* && ! -f "$SOURCE" ]]; then
  echo "error: video file not found: $SOURCE" >&2
  exit 2
fi
[[ "$SOURCE" == synthetic:* ]] || SOURCE=$(cd "$(dirname "$SOURCE")" && pwd)/$(basename "$SOURCE")

DATA=${SKIM_DATA:-$ROOT/.skim}
KAFKA_PORT=${KAFKA_PORT:-19092}
CONTROLLER_PORT=${CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
BRIDGE_PORT=${BRIDGE_PORT:-8080}
COMPRESSOR_PORT=${COMPRESSOR_PORT:-8081}
STREAM_ID=${STREAM_ID:-demo}
PARTITIONS=${PARTITIONS:-4}
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
LIBS="$ROOT/deploy/local/target/broker-libs"
if [[ $KEEP == 0 && -f "$DATA/.skim-data" ]]; then rm -rf "$DATA"; fi
mkdir -p "$DATA/logs" && touch "$DATA/.skim-data"

# Child processes by role; stop_all stops them in this order: ingest, then the apps (each gets
# SIGTERM and up to APP_STOP_SECONDS, the bridge's and compressor's own 30 s shutdown bound plus a
# margin, then SIGKILL), then the broker last, so the apps' last commits still reach it.
INGEST_PID="" COMPRESSOR_PID="" BRIDGE_PID="" BROKER_PID=""
APP_STOP_SECONDS=${APP_STOP_SECONDS:-40}
stop_pid() { # pid name seconds
  local pid=$1 name=$2 secs=$3
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i=0; i<secs*4; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "warning: $name did not stop within $secs s of SIGTERM; killing it (SIGKILL)" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
STOPPED=0
stop_all() {
  [[ $STOPPED == 1 ]] && return 0
  STOPPED=1
  trap '' INT TERM # a second Ctrl-C does not cut the stop short; it is bounded anyway
  echo "Stopping..."
  stop_pid "$INGEST_PID" ingest 10
  # both apps get SIGTERM at once, then each is waited for with the bound
  for pid in "$BRIDGE_PID" "$COMPRESSOR_PID"; do [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null || true; done
  stop_pid "$BRIDGE_PID" llm-bridge "$APP_STOP_SECONDS"
  stop_pid "$COMPRESSOR_PID" compressor "$APP_STOP_SECONDS"
  stop_pid "$BROKER_PID" kafka 30
  echo "Stopped. Data and logs are in $DATA"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_http() { # url name seconds
  for ((i=0; i<$3*4; i++)); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.25
  done
  echo "error: $2 did not become ready in $3 s; see $DATA/logs/$2.log" >&2
  exit 1
}

if [[ $BUILD == 1 ]]; then
  echo "Building (./mvnw install -DskipTests)..."
  ./mvnw -q install -DskipTests -Dspotless.check.skip=true
fi
for f in "$LIBS" compressor/target/quarkus-app/quarkus-run.jar llm-bridge/target/quarkus-app/quarkus-run.jar; do
  [[ -e "$f" ]] || { echo "error: $f is missing; run without --no-build" >&2; exit 1; }
done

# 1. Broker
sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@DATA_DIR@#$DATA#g" \
  deploy/local/server.properties.template > "$DATA/server.properties"
JOPTS=(-Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*")
if [[ ! -f "$DATA/kafka/meta.properties" ]]; then
  java "${JOPTS[@]}" kafka.tools.StorageTool format --standalone \
    -t "$(java "${JOPTS[@]}" kafka.tools.StorageTool random-uuid)" -c "$DATA/server.properties" > "$DATA/logs/format.log" 2>&1
fi
echo "Starting Kafka broker on $BOOTSTRAP (data in $DATA/kafka)..."
java "${JOPTS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=info kafka.Kafka "$DATA/server.properties" > "$DATA/logs/kafka.log" 2>&1 &
BROKER_PID=$!
for ((i=0; i<120; i++)); do (echo > /dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null && break; sleep 0.25; done
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" deploy/local/CreateTopics.java "$BOOTSTRAP" "$PARTITIONS" \
  skim.frames skim.tokens skim.keyframes skim.frames.dlq skim.tokens.dlq

# 2. Compressor and bridge
start_app() { # module port; sets APP_PID
  # --add-modules: the Vector API kernel of the compression operators (core SimilarityKernels).
  java -Xmx768m --add-modules jdk.incubator.vector -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$2" \
    -Dkafka-streams.state.dir="$DATA/state/$1" -jar "$1/target/quarkus-app/quarkus-run.jar" \
    > "$DATA/logs/$1.log" 2>&1 &
  APP_PID=$!
}
echo "Starting compressor (:$COMPRESSOR_PORT) and bridge (:$BRIDGE_PORT)..."
start_app compressor "$COMPRESSOR_PORT"
COMPRESSOR_PID=$APP_PID
start_app llm-bridge "$BRIDGE_PORT"
BRIDGE_PID=$APP_PID
wait_http "http://127.0.0.1:$COMPRESSOR_PORT/q/health/ready" compressor 90
wait_http "http://127.0.0.1:$BRIDGE_PORT/q/health/ready" llm-bridge 90

# 3. Publish
echo "Publishing $SOURCE as stream '$STREAM_ID'..."
# in the background and waited for, so that Ctrl-C is handled at once (bash runs a trap only
# between commands); a failed ingest ends the run
java -jar ingest/target/skim-ingest-*.jar --bootstrap-servers "$BOOTSTRAP" --stream-id "$STREAM_ID" "$SOURCE" &
INGEST_PID=$!
wait "$INGEST_PID"
INGEST_PID=""

# 4. Wait until the bridge has every published frame, then report
API="http://127.0.0.1:$BRIDGE_PORT"
published=$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" deploy/local/CountFrames.java "$BOOTSTRAP" "$STREAM_ID")
echo "Published $published frames; waiting for the bridge to hold them all..."
stats=""
for ((i=0; i<600; i++)); do
  stats=$(curl -fs "$API/v1/streams/$STREAM_ID" || true)
  frames=$(echo "$stats" | grep -o '"frames":[0-9]*' | cut -d: -f2 || true)
  [[ -n "$frames" && "$frames" -ge "$published" ]] && break
  sleep 0.5
done
num() { echo "$stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
echo
echo "== Skim is running =="
echo "stream:        $STREAM_ID"
echo "frames:        $(num frames)"
echo "tokens in:     $(num tokensIn)"
echo "tokens out:    $(num tokensOut)"
echo "vector bytes:  $(num vectorBytes) ($(( $(num vectorBytes) / ($(num frames) > 0 ? $(num frames) : 1) )) bytes per frame)"
echo
echo "console:       $API/"
echo "API:           $API/v1/streams"
echo "timeline:      $API/v1/streams/$STREAM_ID/timeline"
echo "OpenAPI UI:    $API/q/swagger-ui"
echo "metrics:       $API/q/metrics and http://127.0.0.1:$COMPRESSOR_PORT/q/metrics"
echo "logs:          $DATA/logs"
if [[ $EXIT_AFTER == 1 ]]; then exit 0; fi
echo
echo "Press Ctrl-C to stop."
# until Ctrl-C (the INT trap exits, the EXIT trap stops everything) or an app or the broker exits
wait -n "$BROKER_PID" "$COMPRESSOR_PID" "$BRIDGE_PID" || true
echo "error: a process exited on its own; see $DATA/logs" >&2
exit 1
