#!/bin/sh
# Prepares AppCDS in an app-image: a training run records the classes NetDoctor loads up to its
# first window (under Xvfb, with an empty HOME: the demo cluster a first start shows) into
# lib/app/netdoctor.classlist, and lib/appcds-dump.sh turns that list into the archive
# lib/app/netdoctor.jsa that the launcher configuration names. The archive itself is made at
# install time (postinst / %post): CDS checks jar paths and times, which only then are final.
# Here it is dumped once to prove the list works, then removed so the installers do not carry it.
# It is kept because it measurably helps (app/docs/README-packaging.md, bench-installers.sh).
#
# Usage: appcds.sh <app-image-dir> <work-dir>
# Needs Xvfb and xdotool; without them the image gets no class list (the launcher ignores the
# missing archive) unless CI=true, which fails the build instead.
set -eu
image=$1
work=$2
app="$image/lib/app"
java="$image/lib/runtime/bin/java"
say() { printf '[appcds] %s\n' "$*"; }

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  if [ "${CI:-}" = true ]; then say "Xvfb and xdotool are needed for the AppCDS training run"; exit 1; fi
  say "WARNING: no Xvfb/xdotool: building the image without an AppCDS archive (slower first window)"
  exit 0
fi

rm -rf "$work" "$app/netdoctor.jsa" "$app/netdoctor.classlist"
mkdir -p "$work/home"
# The same class path, in the same order, as the launcher: CDS checks it at startup.
classpath=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app"'|p' "$app"/*.cfg | paste -sd: -)
mainclass=$(sed -n 's|^app\.mainclass=||p' "$app"/*.cfg)

# -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
tries=0
until [ -s "$work/display" ]; do
  tries=$((tries + 1)); [ "$tries" -lt 100 ] || { say "Xvfb did not start"; exit 1; }; sleep 0.1
done
display=":$(cat "$work/display")"
HOME="$work/home" DISPLAY="$display" "$java" -XX:DumpLoadedClassList="$work/classes.lst" \
  -cp "$classpath" "$mainclass" >"$work/training.log" 2>&1 &
app_pid=$!
tries=0
until DISPLAY="$display" xdotool search --onlyvisible --name '^NetDoctor' >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 1200 ] || ! kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    cat "$work/training.log"
    say "training run showed no window"
    exit 1
  fi
  sleep 0.1
done
# Let the first frames paint and the first cluster data arrive: their classes belong in the archive.
sleep 3
kill "$app_pid"
wait "$app_pid" || true
say "training run loaded $(grep -vc '^@' "$work/classes.lst") classes"

cp "$work/classes.lst" "$app/netdoctor.classlist"
install -m 755 "$(dirname "$0")/appcds-dump.sh" "$image/lib/appcds-dump.sh"
"$image/lib/appcds-dump.sh" "$image"
[ -f "$app/netdoctor.jsa" ] || { say "appcds-dump.sh made no archive from the class list"; exit 1; }
say "class list works: archive $(du -h "$app/netdoctor.jsa" | cut -f1) (made again at install time)"
rm -f "$app/netdoctor.jsa"
