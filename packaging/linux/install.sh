#!/usr/bin/env bash
# Install (or uninstall) the Checkpoint Desk app folder with its menu entry and icons.
#
#   ./install.sh                      into ~/.local (this user only)
#   sudo ./install.sh --prefix /usr/local   for every user of the laptop
#   ./install.sh --uninstall [--prefix DIR] removes exactly what it installed
#
# Run it from the unpacked archive (checkpoint-desk-<version>-linux-x86_64/) or from a
# checkout after `make package` (then it takes dist/checkpoint-desk); --app DIR names
# another app folder. It copies the app to PREFIX/lib/checkpoint-desk, links
# PREFIX/bin/checkpoint-desk, and adds the .desktop file, AppStream metainfo and icons
# under PREFIX/share.
set -euo pipefail

APP_ID=org.checkpointdesk.CheckpointDesk
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX="${HOME}/.local"; fi
APP=""
ACTION=install

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
        --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
        --app) APP="${2:?--app needs a directory}"; shift 2 ;;
        --app=*) APP="${1#--app=}"; shift ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
PREFIX="$(mkdir -p "$PREFIX" && cd "$PREFIX" && pwd)"

# Where the desktop files and icons are: beside this script in the archive
# (desktop/), or in the checkout (packaging/linux and resources/icons).
if [ -d "$HERE/desktop" ]; then
    DESKTOP_SRC="$HERE/desktop"; ICONS_SRC="$HERE/desktop/icons"
else
    DESKTOP_SRC="$HERE"; ICONS_SRC="$HERE/../../resources/icons"
fi

LIBDIR="$PREFIX/lib/checkpoint-desk"
BIN="$PREFIX/bin/checkpoint-desk"
DESKTOP_FILE="$PREFIX/share/applications/$APP_ID.desktop"
METAINFO="$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
ICON_SIZES="16 32 48 64 128 256"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$LIBDIR"
    if [ -L "$BIN" ]; then rm -f "$BIN"
    elif [ -e "$BIN" ]; then echo "install.sh: $BIN is not our link; left alone" >&2; fi
    rm -f "$DESKTOP_FILE" "$METAINFO"
    for size in $ICON_SIZES; do
        rm -f "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    rm -f "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
    refresh_caches
    echo "Checkpoint Desk removed from $PREFIX"
    exit 0
fi

if [ -z "$APP" ]; then
    if [ -x "$HERE/checkpoint-desk" ] && [ -f "$HERE/checkpoint-desk" ]; then APP="$HERE"
    else APP="$HERE/../../dist/checkpoint-desk"; fi
fi
if [ ! -x "$APP/checkpoint-desk" ]; then
    echo "install.sh: no app folder with a checkpoint-desk program at $APP" >&2
    echo "  (run it from the unpacked archive, or run 'make package' first, or pass --app DIR)" >&2
    exit 1
fi
APP="$(cd "$APP" && pwd)"

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$(dirname "$DESKTOP_FILE")" "$(dirname "$METAINFO")"
if [ "$APP" != "$LIBDIR" ]; then
    rm -rf "$LIBDIR.new"
    cp -a "$APP" "$LIBDIR.new"
    rm -rf "$LIBDIR"
    mv "$LIBDIR.new" "$LIBDIR"
fi
ln -sfn "$LIBDIR/checkpoint-desk" "$BIN"

sed -e "s|^Exec=.*|Exec=$BIN|" -e "s|^TryExec=.*|TryExec=$BIN|" \
    "$DESKTOP_SRC/checkpoint-desk.desktop" > "$DESKTOP_FILE"
cp "$DESKTOP_SRC/$APP_ID.metainfo.xml" "$METAINFO"
for size in $ICON_SIZES; do
    dir="$PREFIX/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    cp "$ICONS_SRC/checkpoint-desk-$size.png" "$dir/$APP_ID.png"
done
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$ICONS_SRC/checkpoint-desk.svg" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches

echo "Checkpoint Desk installed in $PREFIX"
echo "  program:    $BIN"
echo "  menu entry: $DESKTOP_FILE"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "  note: $PREFIX/bin is not on PATH; the menu entry works anyway." ;; esac
echo "Check it with: $BIN --self-test"
