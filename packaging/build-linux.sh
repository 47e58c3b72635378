#!/usr/bin/env bash
# `make package`: build the Linux app folder with PyInstaller, pack it as
# dist/checkpoint-desk-<version>-linux-<arch>.tar.gz, then unpack that archive into a
# temporary directory and run the unpacked program's --self-test in a clean
# environment (no .venv on PATH, no PYTHONPATH, no display). Exits non-zero when the
# build or the self-test fails. Run from the repository root with .venv set up.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
VERSION="$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
ARCH="$(uname -m)"
PKG="checkpoint-desk-${VERSION}-linux-${ARCH}"
ARCHIVE="dist/${PKG}.tar.gz"
APP=dist/checkpoint-desk

echo "== PyInstaller: $APP (this takes a few minutes)"
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/checkpoint-desk.spec
echo "   built in $(( $(date +%s) - start )) s"

# The Python interpreter's library may carry its debug symbols (22 MB instead of 6);
# only it is stripped: wheels' libraries are stripped already, and stripping their
# patchelf-edited copies can break them.
for lib in "$APP"/_internal/libpython3*.so*; do
    if [ -f "$lib" ] && [ ! -L "$lib" ]; then strip --strip-unneeded "$lib"; fi
done

echo "== desktop integration files"
cp packaging/linux/install.sh "$APP/install.sh"
rm -rf "$APP/desktop"
mkdir -p "$APP/desktop/icons"
cp packaging/linux/checkpoint-desk.desktop \
    packaging/linux/org.checkpointdesk.CheckpointDesk.metainfo.xml "$APP/desktop/"
cp resources/icons/checkpoint-desk*.png resources/icons/checkpoint-desk.svg "$APP/desktop/icons/"
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net --pedantic \
        packaging/linux/org.checkpointdesk.CheckpointDesk.metainfo.xml >/dev/null
    echo "   AppStream metainfo valid (appstreamcli)"
fi
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate packaging/linux/checkpoint-desk.desktop
    echo "   desktop entry valid (desktop-file-validate)"
fi

echo "== archive: $ARCHIVE"
rm -f "$ARCHIVE"
tar -C dist --transform "s|^checkpoint-desk|${PKG}|S" -czf "$ARCHIVE" checkpoint-desk

echo "== self-test of the unpacked archive (clean environment)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
tar -C "$TMP" -xzf "$ARCHIVE"
mkdir -p "$TMP/home"
status=0
test_start=$(date +%s)
env -i HOME="$TMP/home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    "$TMP/$PKG/checkpoint-desk" --self-test --lang en || status=$?

echo "   self-test took $(( $(date +%s) - test_start )) s"
archive_bytes=$(stat -c %s "$ARCHIVE")
unpacked=$(du -sh "$TMP/$PKG" | cut -f1)
echo "== $ARCHIVE: $(( archive_bytes / 1048576 )) MiB ($archive_bytes bytes), unpacked $unpacked"
if [ "$status" -ne 0 ]; then
    echo "SELF-TEST FAILED (exit $status) for the unpacked archive" >&2
    exit "$status"
fi
echo "package OK: the unpacked program passed its self-test"
