#!/bin/sh
# Dumps NetDoctor's AppCDS archive where NetDoctor is installed (run by the .deb's postinst and
# the .rpm's %post; also by the benchmark on an app-image). CDS checks the class path's jar
# paths and modification times, so the archive cannot be built before the files are in place.
# The classes are those the build's training run loaded up to the first window (classlist).
# On any failure no archive is left: the launcher then starts without one, only slower.
#
# Usage: appcds-dump.sh [app-image-dir]   (default: the image this script sits in)
set -eu
image=${1:-$(cd "$(dirname "$0")/.." && pwd)}
app="$image/lib/app"
classpath=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app"'|p' "$app"/NetDoctor.cfg | paste -sd: -)
rm -f "$app/netdoctor.jsa"
if ! "$image/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/netdoctor.classlist" \
    -XX:SharedArchiveFile="$app/netdoctor.jsa" -cp "$classpath" >/dev/null 2>&1; then
  rm -f "$app/netdoctor.jsa"
  echo "NetDoctor: could not build the AppCDS archive; it will start without it" >&2
fi
exit 0
