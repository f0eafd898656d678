#!/bin/sh
# Renders assets/icons/netdoctor.svg to every size the platforms want. The outputs are committed,
# so the installer build never needs these tools: run this only after editing the SVG.
# Needs (Debian): librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -eu
cd "$(dirname "$0")/../assets/icons"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" netdoctor.svg -o "netdoctor-$size.png"
done
# Windows: one .ico holding the sizes Explorer and the taskbar pick from.
convert netdoctor-16.png netdoctor-24.png netdoctor-32.png netdoctor-48.png \
        netdoctor-64.png netdoctor-128.png netdoctor-256.png netdoctor.ico
# macOS: png2icns accepts 16, 32, 48, 128, 256 and 512.
png2icns netdoctor.icns netdoctor-16.png netdoctor-32.png netdoctor-48.png \
         netdoctor-128.png netdoctor-256.png netdoctor-512.png >/dev/null
# jpackage takes the Linux icon from the resource directory by the application's name.
cp netdoctor-256.png ../../packaging/linux/NetDoctor.png
