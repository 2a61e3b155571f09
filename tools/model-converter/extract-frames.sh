#!/usr/bin/env bash
# Extracts frames of ../shared/data/vtest.avi as PPM into frames/ (not committed; 224x224 unless
# WIDTH/HEIGHT say otherwise, OUT for another folder), using the
# JavaCV + FFmpeg jars that the Maven build already put in ~/.m2 (run ./mvnw -pl ingest -am
# dependency:resolve once if they are missing). The standalone ffmpeg binary inside the jar needs
# libpulse, which this machine lacks; the JNI libraries do not.
set -euo pipefail
cd "$(dirname "$0")"
VIDEO=${1:-../../../shared/data/vtest.avi}
FRAMES=${2:-0,50,100,150,200,250,300,350,400,450,500,550,600,650,700,750}
R=${MAVEN_REPO:-$HOME/.m2/repository}/org/bytedeco
CP=$R/javacv/1.5.13/javacv-1.5.13.jar:$R/javacpp/1.5.13/javacpp-1.5.13.jar:$R/javacpp/1.5.13/javacpp-1.5.13-linux-x86_64.jar
CP=$CP:$R/ffmpeg/8.0.1-1.5.13/ffmpeg-8.0.1-1.5.13.jar:$R/ffmpeg/8.0.1-1.5.13/ffmpeg-8.0.1-1.5.13-linux-x86_64.jar
java -cp "$CP" ExtractFrames.java "$VIDEO" "${OUT:-frames}" "${WIDTH:-224}" "${HEIGHT:-224}" "$FRAMES"
