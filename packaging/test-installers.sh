#!/bin/bash
# Proves the Linux installers by installing them (called by .ci/run; `mvn verify` stays fast).
#
#   .deb: build, install its declared Depends with apt-get, then `dpkg -i`; run the installed
#         `netdoctor pods -o json` against the installed `netdoctor demo --write-kubeconfig`;
#         start the installed GUI under Xvfb until xdotool sees its window, screenshot it and
#         check the picture is not blank; purge; check nothing of it is left in /opt or /usr.
#   .rpm: inspect with `rpm -qip` / `rpm -qlp` (declared Requires, files under /opt).
#
# Needs root and: xvfb xdotool imagemagick rpm fakeroot dpkg-dev binutils python3 (see README).
# Without them it prints why and skips; with CI=true it fails instead.
# SKIP_BUILD=1 reuses packaging/target/installers from an earlier `mvn -Pinstallers package`.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/packaging/target/installers"
work=$(mktemp -d /tmp/netdoctor-installers.XXXXXX)
pids=()

say() { printf '[test-installers] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
pass() { say "ok: $*"; }
skip() {
  if [ "${CI:-}" = true ]; then fail "cannot run (CI=true): $*"; fi
  say "SKIP: $*" >&2
  exit 0
}

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Polls a condition (a shell command) until it holds or the timeout (seconds) passes.
wait_for() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || skip "needs root to dpkg -i and purge"
for tool in Xvfb xdotool import convert rpm rpmbuild fakeroot dpkg-deb objdump python3 apt-get mvn; do
  command -v "$tool" >/dev/null || skip "missing tool: $tool"
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building installers: mvn -B -q -Pinstallers -DskipTests package"
  (cd "$repo" && mvn -B -q -Pinstallers -DskipTests package)
fi
deb=$(ls "$out"/netdoctor_*.deb 2>/dev/null | head -1)
rpm_file=$(ls "$out"/netdoctor-*.rpm 2>/dev/null | head -1)
[ -f "$deb" ] || fail "no .deb in $out"
[ -f "$rpm_file" ] || fail "no .rpm in $out"
say "deb: $deb ($(du -h "$deb" | cut -f1))"

if dpkg -s netdoctor >/dev/null 2>&1; then
  say "purging an earlier netdoctor install"
  dpkg --purge netdoctor >/dev/null
fi

# --- .deb: declared dependencies, then dpkg -i ------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
say "Depends: $depends"
grep -q 'libgtk-3-0 | libgtk-3-0t64' <<<"$depends" || fail "Depends lacks GTK 3 (with its t64 name)"
grep -q 'libxtst6' <<<"$depends" || fail "Depends lacks libxtst6"
# For each clause "a | b", install the first alternative this system's apt can install.
wanted=()
IFS=',' read -ra clauses <<<"$depends"
for clause in "${clauses[@]}"; do
  chosen=""
  IFS='|' read -ra alternatives <<<"$clause"
  for alt in "${alternatives[@]}"; do
    name=$(awk '{print $1}' <<<"$alt")
    policy=$(apt-cache policy "$name" 2>/dev/null)
    if grep -q 'Candidate: [^(]' <<<"$policy"; then chosen=$name; break; fi
  done
  [ -n "$chosen" ] || fail "no installable package for dependency '$clause'"
  wanted+=("$chosen")
done
say "apt-get install ${wanted[*]}"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${wanted[@]}" >"$work/apt.log" 2>&1 \
  || { tail -20 "$work/apt.log"; fail "apt-get install of the declared dependencies"; }
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
pass "dpkg -i $(basename "$deb")"
dpkg -L netdoctor >"$work/files.txt"

[ -x /opt/netdoctor/bin/NetDoctor ] || fail "launcher /opt/netdoctor/bin/NetDoctor missing"
[ "$(command -v netdoctor)" = /usr/bin/netdoctor ] || fail "netdoctor is not on PATH as /usr/bin/netdoctor"
[ "$(readlink -f /usr/bin/netdoctor)" = /opt/netdoctor/bin/NetDoctor ] || fail "/usr/bin/netdoctor does not point at the launcher"
desktop=$(grep -l 'Exec=/opt/netdoctor/bin/NetDoctor' /usr/share/applications/*.desktop 2>/dev/null | head -1)
[ -n "$desktop" ] || fail "no desktop menu entry"
grep -q '^Categories=Network;Development;' "$desktop" || fail "desktop entry categories: $(grep Categories "$desktop")"
pass "launcher on PATH, menu entry $(basename "$desktop") in Network;Development"
version=$(dpkg-deb -f "$deb" Version)
reported=$(netdoctor --version 2>&1) || fail "netdoctor --version: $reported"
[ "$reported" = "NetDoctor ${version%-*}" ] || fail "netdoctor --version says '$reported', the package is $version"
pass "netdoctor --version: $reported"

# A fresh HOME: proves the install works for a new user, and shows whether JavaFX unpacked natives.
export HOME="$work/home"
mkdir -p "$HOME"

# AppCDS: postinst dumped the archive for these paths, and the launcher maps it.
[ -f /opt/netdoctor/lib/app/netdoctor.jsa ] || fail "postinst made no AppCDS archive"
JAVA_TOOL_OPTIONS=-Xlog:class+load=info netdoctor --version >"$work/cds.log" 2>&1 || true
grep -q 'io.netdoctor.Launcher source: shared objects file' "$work/cds.log" \
  || { grep -i 'cds\|Launcher' "$work/cds.log" | head; fail "the launcher does not use the AppCDS archive"; }
pass "AppCDS archive $(du -h /opt/netdoctor/lib/app/netdoctor.jsa | cut -f1) in use"

# --- CLI: pods -o json against the demo cluster -------------------------------------------------
kubeconfig="$work/demo-kubeconfig"
netdoctor demo --write-kubeconfig "$kubeconfig" >"$work/demo.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")
demo_up() { test -s "$kubeconfig" || ! kill -0 "$demo_pid" 2>/dev/null; }
wait_for 60 demo_up || { cat "$work/demo.log"; fail "demo wrote no kubeconfig within 60 s"; }
kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.log"; fail "demo exited instead of serving"; }
test -s "$kubeconfig" || fail "demo wrote no kubeconfig"
netdoctor pods -A -o json --kubeconfig "$kubeconfig" >"$work/pods.json" 2>"$work/pods.err" \
  || { cat "$work/pods.err"; fail "netdoctor pods -o json exited non-zero"; }
python3 - "$work/pods.json" <<'EOF' || fail "pods -o json output (above) does not match the contract"
import json, sys
rows = json.load(open(sys.argv[1]))
keys = {"namespace", "pod", "container", "runtime", "containerId", "shortId", "node", "podIP", "phase"}
assert isinstance(rows, list) and rows, "expected a non-empty JSON array"
for row in rows:
    missing = keys - set(row)
    assert not missing, f"row {row} lacks {sorted(missing)}"
    if row["containerId"] and row["shortId"]:
        assert row["containerId"].startswith(row["shortId"]), f"shortId is not a prefix of containerId in {row}"
print(f"[test-installers] ok: pods -o json: {len(rows)} rows, e.g. {rows[0]['namespace']}/{rows[0]['pod']}")
EOF
kill "$demo_pid"
wait "$demo_pid" 2>/dev/null || true
pass "demo stopped on SIGTERM"

# --- GUI under Xvfb: window found by xdotool, screenshot not blank ------------------------------
# -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
wait_for 20 test -s "$work/display" || { cat "$work/xvfb.log"; fail "Xvfb did not start"; }
export DISPLAY=":$(cat "$work/display")"
start=$SECONDS
netdoctor >"$work/gui.log" 2>&1 &
gui_pid=$!
pids+=("$gui_pid")
wid=""
find_window() { wid=$(xdotool search --onlyvisible --name '^NetDoctor' 2>/dev/null | head -1); [ -n "$wid" ]; }
wait_for 90 find_window || { cat "$work/gui.log"; fail "no NetDoctor window within 90 s"; }
pass "window $wid '$(xdotool getwindowname "$wid")' after $((SECONDS - start)) s"
shot="$repo/packaging/target/test/netdoctor-window.png"
mkdir -p "$(dirname "$shot")"
# Not blank: many distinct colours once the first frames are painted.
painted() {
  import -window "$wid" "$shot" 2>/dev/null || return 1
  colours=$(convert "$shot" -format '%k' info:)
  [ "$colours" -ge 16 ]
}
wait_for 30 painted || fail "window stays blank ($colours colours) — see $shot"
pass "screenshot $(identify -format '%wx%h' "$shot"), $colours colours: $shot"
kill -0 "$gui_pid" || fail "GUI exited by itself"
if grep -qE 'Exception|^Error' "$work/gui.log"; then cat "$work/gui.log"; fail "GUI logged errors"; fi
[ ! -d "$HOME/.openjfx" ] || say "note: JavaFX unpacked natives into ~/.openjfx (the image's natives were not used)"
kill "$gui_pid"
wait "$gui_pid" 2>/dev/null || true

# --- purge leaves nothing in /opt or /usr -------------------------------------------------------
dpkg --purge netdoctor >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
left=$(while read -r f; do
  case "$f" in /opt/*|/usr/*) if [ -e "$f" ] && [ ! -d "$f" ]; then echo "$f"; fi;; esac
done <"$work/files.txt")
[ -z "$left" ] || fail "files left after purge: $left"
[ ! -e /opt/netdoctor ] || fail "/opt/netdoctor left after purge"
[ ! -e /usr/bin/netdoctor ] && [ ! -L /usr/bin/netdoctor ] || fail "/usr/bin/netdoctor left after purge"
strays=$(find /opt /usr -iname '*netdoctor*' 2>/dev/null || true)
[ -z "$strays" ] || fail "left in /opt or /usr after purge: $strays"
pass "purged: nothing left in /opt or /usr"

# --- .rpm: metadata, Requires, files ------------------------------------------------------------
info=$(rpm -qip "$rpm_file")
grep -q '^Name *: netdoctor' <<<"$info" || fail "rpm Name"
grep -q '^License *: Apache-2.0' <<<"$info" || fail "rpm License"
requires=$(rpm -qp --requires "$rpm_file")
for cap in 'libgtk-3.so.0()(64bit)' 'libXtst.so.6()(64bit)' 'libfontconfig.so.1()(64bit)' xdg-utils; do
  grep -qF "$cap" <<<"$requires" || fail "rpm does not require $cap"
done
files=$(rpm -qlp "$rpm_file")
grep -qx /opt/netdoctor/bin/NetDoctor <<<"$files" || fail "rpm lacks /opt/netdoctor/bin/NetDoctor"
grep -q '^/opt/netdoctor/lib/runtime/lib/server/libjvm.so$' <<<"$files" || fail "rpm lacks the bundled runtime"
outside=$(grep -vE '^/opt/netdoctor(/|$)|^/usr/share/licenses/netdoctor' <<<"$files" || true)
[ -z "$outside" ] || fail "rpm installs outside /opt/netdoctor: $outside"
rpm -qp --scripts "$rpm_file" | grep -q 'ln -sf /opt/netdoctor/bin/NetDoctor /usr/bin/netdoctor' \
  || fail "rpm %post does not put netdoctor on PATH"
pass "rpm $(basename "$rpm_file"): $(wc -l <<<"$files") files under /opt/netdoctor, Requires GTK 3, Xtst, fontconfig"

say "PASS"
