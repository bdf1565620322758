#!/bin/sh
# Install kzreader for the current user, without administrator rights:
#
#   ./install.sh               copy the program to ~/.local/opt/kzreader, add
#                              kzreader to the applications menu and the
#                              command `kzreader` to ~/.local/bin
#   ./install.sh --uninstall   remove all of that again (also works as
#                              ~/.local/opt/kzreader/install.sh --uninstall)
#
# Your libraries (~/.local/share/kzreader/library, or $XDG_DATA_HOME/kzreader)
# are never touched, by either. KZREADER_INSTALL_DIR chooses another program
# folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=${KZREADER_INSTALL_DIR:-$HOME/.local/opt/kzreader}
bin=$HOME/.local/bin
desktop=$data/applications/kzreader.desktop

say() { printf '%s\n' "$*"; }

# Only ever replace or remove a folder that is empty or holds a kzreader
# program: never a folder someone pointed KZREADER_INSTALL_DIR at by mistake.
check_dest() {
    if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ] &&
        ! { [ -x "$dest/kzreader" ] && [ -d "$dest/_internal" ]; }; then
        say "install.sh: $dest is not empty and holds no kzreader; choose another folder" >&2
        exit 1
    fi
}

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    check_dest
    rm -rf "$dest"
    rm -f "$desktop"
    find "$data/icons/hicolor" -path '*/apps/kzreader.*' -delete 2>/dev/null || true
    if [ -L "$bin/kzreader" ] && [ "$(readlink "$bin/kzreader")" = "$dest/kzreader" ]; then
        rm -f "$bin/kzreader"
    fi
    refresh_menus
    say "kzreader was removed. Your libraries in $data/kzreader are kept."
}

install() {
    if [ ! -x "$here/kzreader" ] || [ ! -d "$here/_internal" ]; then
        say "install.sh: run me from the unpacked kzreader folder" >&2
        exit 1
    fi
    if [ "$here" = "$(cd "$dest" 2>/dev/null && pwd)" ]; then
        say "install.sh: kzreader is already installed in $dest" >&2
        exit 1
    fi
    check_dest
    rm -rf "$dest"
    mkdir -p "$dest" "$data/applications" "$bin"
    # the program and this script (to uninstall with), without the menu
    # entry and icons, which go to their own places below
    (cd "$here" && tar cf - --exclude=./share .) |
        (cd "$dest" && tar xf -)
    # the menu entry starts the installed program, wherever that is
    sed -e "s|^Exec=.*|Exec=\"$dest/kzreader\"|" -e "s|^TryExec=.*|TryExec=$dest/kzreader|" \
        "$here/share/applications/kzreader.desktop" >"$desktop"
    (cd "$here/share" && tar cf - icons) | (cd "$data" && tar xf -)
    ln -sf "$dest/kzreader" "$bin/kzreader"
    refresh_menus
    say "kzreader is installed in $dest and in your applications menu."
    case ":$PATH:" in
    *":$bin:"*) ;;
    *) say "Add $bin to your PATH to run kzreader from a terminal." ;;
    esac
}

case "${1:-}" in
--uninstall) uninstall ;;
"") install ;;
*)
    say "usage: ./install.sh [--uninstall]" >&2
    exit 2
    ;;
esac
