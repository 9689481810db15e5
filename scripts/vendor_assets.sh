#!/usr/bin/env bash
# Refresh the vendored front-end assets in cinebridge/web/static/vendor/ and
# the TrueType fonts the PDF documents embed, in cinebridge/core/fonts/.
#
# Every package is fetched with `npm pack <name>@<version>` into a temporary
# directory (nothing is installed, no node_modules is left behind), its tarball
# is checked against the registry's dist.integrity, and only the files the app
# needs are copied, together with the package's licence file. Each target's
# VERSIONS.md is rewritten from the pins below. Running it twice gives the same tree.
#
# Usage (from the repo root):  bash scripts/vendor_assets.sh [all|web|fonts]
#   web    front-end assets only (cinebridge/web/static/vendor/)
#   fonts  PDF fonts only (cinebridge/core/fonts/)
#   all    both (the default)
# To upgrade: change a pin below, run the script, review `git diff`.
set -euo pipefail

# ---- pins ------------------------------------------------------------------
BOOTSTRAP_VERSION="5.3.9"   # newest 5.3.x
HTMX_VERSION="2.0.11"       # newest 2.0.x (the 4.x line is tagged "latest" on npm; not used)
CHARTJS_VERSION="4.6.1"     # newest 4.x
VAZIRMATN_VERSION="33.0.3"  # newest 33.x; also the PDF fonts' Persian/Arabic face
DEJAVU_VERSION="2.37.3"     # dejavu-fonts-ttf: the PDF fonts' Latin/Cyrillic face
# -----------------------------------------------------------------------------

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/cinebridge/web/static/vendor"
FONTS="$ROOT/cinebridge/core/fonts"

TARGET="${1:-all}"
case "$TARGET" in
    all|web|fonts) ;;
    *) echo "usage: $0 [all|web|fonts]" >&2; exit 2 ;;
esac

command -v npm >/dev/null || { echo "error: npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node is required" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cinebridge-vendor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

VERSIONS_ROWS=""

# fetch NAME VERSION EXPECTED_LICENSE_FIELD
#   Packs NAME@VERSION into $WORK, verifies its integrity and licence field,
#   extracts it to $WORK/NAME/package and prints the integrity string.
fetch() {
    local name="$1" version="$2" expect_license="$3"
    local dir="$WORK/$name" tgz integrity actual license
    mkdir -p "$dir"
    tgz="$(cd "$dir" && npm pack "$name@$version" --silent --ignore-scripts | tail -n 1)"
    [[ -f "$dir/$tgz" ]] || { echo "error: npm pack $name@$version produced no tarball" >&2; exit 1; }

    integrity="$(npm view "$name@$version" dist.integrity)"
    actual="sha512-$(node -e '
        const c = require("crypto"), fs = require("fs");
        process.stdout.write(c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));
    ' "$dir/$tgz")"
    if [[ "$integrity" != "$actual" ]]; then
        echo "error: $name@$version integrity mismatch: registry $integrity, tarball $actual" >&2
        exit 1
    fi

    tar -xzf "$dir/$tgz" -C "$dir"
    license="$(node -p 'require(process.argv[1]).license' "$dir/package/package.json")"
    if [[ "$license" != "$expect_license" ]]; then
        echo "error: $name@$version licence field is '$license', expected '$expect_license'; review and update the script" >&2
        exit 1
    fi
    printf '%s' "$integrity"
}

# strip_sourcemap FILE — drop the trailing sourceMappingURL comment line
# (we don't vendor the .map files, so browsers would 404 on them).
strip_sourcemap() {
    local f="$1"
    sed -E -i '/^\/\/# sourceMappingURL=[^ ]*$/d; /^\/\*# sourceMappingURL=[^ ]* \*\/$/d' "$f"
    if grep -q 'sourceMappingURL' "$f"; then
        echo "error: sourceMappingURL left in $f" >&2
        exit 1
    fi
}

# install_files NAME SRC_DIR SPEC...  — into the web vendor dir.
install_files() {
    install_files_into "$VENDOR" "$@"
}

# install_files_into DEST_ROOT NAME SRC_DIR SPEC...
#   SPEC is "path/in/package:dest_name" (dest_name defaults to the basename).
#   Builds DEST_ROOT/NAME from scratch in a staging dir, then swaps it in.
install_files_into() {
    local dest_root="$1" name="$2" src="$3"; shift 3
    local stage="$WORK/stage-$name" spec from to
    rm -rf "$stage"; mkdir -p "$stage"
    for spec in "$@"; do
        from="${spec%%:*}"; to="${spec#*:}"
        [[ "$spec" == *:* ]] || to="$(basename "$from")"
        [[ -f "$src/$from" ]] || { echo "error: $name: missing $from in tarball" >&2; exit 1; }
        cp "$src/$from" "$stage/$to"
        chmod 0644 "$stage/$to"
    done
    rm -rf "${dest_root:?}/$name"
    mv "$stage" "$dest_root/$name"
}

# versions_row DEST_ROOT NAME VERSION LICENCE INTEGRITY — prints one VERSIONS.md line listing the files.
versions_row() {
    local dest_root="$1" name="$2" version="$3" spdx="$4" integrity="$5" files
    files="$(cd "$dest_root/$name" && LC_ALL=C ls -1 | sed "s|^|\`$name/|; s|$|\`|" | paste -sd ',' - | sed 's/,/, /g')"
    printf '| %s | %s | %s | %s | `%s` |' "$name" "$version" "$files" "$spdx" "$integrity"
}

# add_row NAME VERSION SPDX INTEGRITY — one line of the web VERSIONS.md.
add_row() {
    VERSIONS_ROWS+="$(versions_row "$VENDOR" "$@")"$'\n'
}

vendor_web() {
    local integrity chart_src chart_lic status css ref
    mkdir -p "$VENDOR"
    # ---- bootstrap -------------------------------------------------------------
    echo "bootstrap $BOOTSTRAP_VERSION"
    integrity="$(fetch bootstrap "$BOOTSTRAP_VERSION" MIT)"
    install_files bootstrap "$WORK/bootstrap/package" \
        dist/css/bootstrap.min.css \
        dist/css/bootstrap.rtl.min.css \
        dist/js/bootstrap.bundle.min.js \
        LICENSE
    for f in bootstrap.min.css bootstrap.rtl.min.css bootstrap.bundle.min.js; do
        strip_sourcemap "$VENDOR/bootstrap/$f"
    done
    add_row bootstrap "$BOOTSTRAP_VERSION" MIT "$integrity"

    # ---- htmx ------------------------------------------------------------------
    echo "htmx.org $HTMX_VERSION"
    integrity="$(fetch htmx.org "$HTMX_VERSION" 0BSD)"
    install_files htmx.org "$WORK/htmx.org/package" \
        dist/htmx.min.js \
        LICENSE
    strip_sourcemap "$VENDOR/htmx.org/htmx.min.js"
    add_row htmx.org "$HTMX_VERSION" 0BSD "$integrity"

    # ---- chart.js --------------------------------------------------------------
    echo "chart.js $CHARTJS_VERSION"
    integrity="$(fetch chart.js "$CHARTJS_VERSION" MIT)"
    chart_src="dist/chart.umd.min.js"
    [[ -f "$WORK/chart.js/package/$chart_src" ]] || chart_src="dist/chart.umd.js"
    chart_lic="LICENSE.md"
    [[ -f "$WORK/chart.js/package/$chart_lic" ]] || chart_lic="LICENSE"
    install_files chart.js "$WORK/chart.js/package" "$chart_src" "$chart_lic"
    strip_sourcemap "$VENDOR/chart.js/$(basename "$chart_src")"
    add_row chart.js "$CHARTJS_VERSION" MIT "$integrity"

    # ---- vazirmatn -------------------------------------------------------------
    # The package.json says "OFL"; the SPDX identifier of the licence (OFL.txt) is OFL-1.1.
    # The variable font is renamed from "Vazirmatn[wght].woff2" so that the name has
    # no glob/URL special characters.
    echo "vazirmatn $VAZIRMATN_VERSION"
    integrity="$(fetch vazirmatn "$VAZIRMATN_VERSION" OFL)"
    install_files vazirmatn "$WORK/vazirmatn/package" \
        "fonts/webfonts/Vazirmatn[wght].woff2:Vazirmatn-Variable.woff2" \
        OFL.txt
    cat > "$VENDOR/vazirmatn/vazirmatn.css" <<EOF
/* Vazirmatn $VAZIRMATN_VERSION variable font (SIL OFL 1.1, see OFL.txt).
 * Generated by scripts/vendor_assets.sh: do not edit by hand.
 * Covers Arabic-script (Persian, Arabic) and Latin; it has no Cyrillic glyphs,
 * so Russian/Belarusian text falls back to the next family in the stack. */
@font-face {
  font-family: "Vazirmatn";
  font-style: normal;
  font-weight: 100 900;
  font-display: swap;
  src: url("Vazirmatn-Variable.woff2") format("woff2-variations"),
       url("Vazirmatn-Variable.woff2") format("woff2");
}
EOF
    chmod 0644 "$VENDOR/vazirmatn/vazirmatn.css"
    add_row vazirmatn "$VAZIRMATN_VERSION" OFL-1.1 "$integrity"

    # ---- VERSIONS.md -----------------------------------------------------------
    {
        echo "# Vendored front-end assets"
        echo
        echo "Generated by \`scripts/vendor_assets.sh\` from the npm registry; do not edit by hand."
        echo "Integrity is the npm tarball's \`dist.integrity\`, checked against the downloaded tarball."
        echo "\`vazirmatn/vazirmatn.css\` is ours (written by the script); \`vazirmatn/Vazirmatn-Variable.woff2\`"
        echo "is the package's \`fonts/webfonts/Vazirmatn[wght].woff2\`. sourceMappingURL comments are stripped."
        echo
        echo "| Package | Version | Files | Licence (SPDX) | npm tarball integrity |"
        echo "| --- | --- | --- | --- | --- |"
        printf '%s' "$VERSIONS_ROWS"
    } > "$VENDOR/VERSIONS.md"

    # ---- sanity: every relative url() in vendored CSS must resolve --------------
    status=0
    while IFS= read -r css; do
        while IFS= read -r ref; do
            case "$ref" in data:*|http:*|https:*|//*|\#*) continue ;; esac
            ref="${ref%%[?#]*}"
            if [[ ! -f "$(dirname "$css")/$ref" ]]; then
                echo "error: $css references missing file: $ref" >&2
                status=1
            fi
        done < <(grep -oE 'url\(\s*[^)]*\)' "$css" | sed -E 's/^url\(\s*["'\'']?//; s/["'\'']?\s*\)$//')
    done < <(find "$VENDOR" -name '*.css' -type f | LC_ALL=C sort)
    [[ $status -eq 0 ]] || exit 1

    echo "done: $(du -sh "$VENDOR" | cut -f1) in ${VENDOR#"$ROOT"/}"
}

# vendor_fonts — the TrueType fonts embedded in PDFs (cinebridge/core/pdf.py).
# PDFs need static TTFs (fpdf2 subsets and embeds them), not the web's variable
# woff2: Vazirmatn covers Arabic script (and Latin), DejaVu Sans covers Latin and
# Cyrillic. Each package gets its own folder with its licence beside the fonts.
vendor_fonts() {
    local integrity rows=""
    mkdir -p "$FONTS"

    echo "vazirmatn $VAZIRMATN_VERSION (PDF fonts)"
    integrity="$(fetch vazirmatn "$VAZIRMATN_VERSION" OFL)"
    install_files_into "$FONTS" vazirmatn "$WORK/vazirmatn/package" \
        fonts/ttf/Vazirmatn-Regular.ttf \
        fonts/ttf/Vazirmatn-Bold.ttf \
        OFL.txt
    rows+="$(versions_row "$FONTS" vazirmatn "$VAZIRMATN_VERSION" OFL-1.1 "$integrity")"$'\n'

    # The package.json licence field points at README.md and LICENSE; LICENSE is the
    # DejaVu licence (Bitstream Vera terms, DejaVu changes public domain, Arev glyphs).
    echo "dejavu-fonts-ttf $DEJAVU_VERSION (PDF fonts)"
    integrity="$(fetch dejavu-fonts-ttf "$DEJAVU_VERSION" "SEE LICENSE IN README.md AND LICENSE")"
    install_files_into "$FONTS" dejavu-fonts-ttf "$WORK/dejavu-fonts-ttf/package" \
        ttf/DejaVuSans.ttf \
        ttf/DejaVuSans-Bold.ttf \
        LICENSE
    rows+="$(versions_row "$FONTS" dejavu-fonts-ttf "$DEJAVU_VERSION" "Bitstream-Vera (DejaVu changes public domain; see LICENSE)" "$integrity")"$'\n'

    {
        echo "# Fonts for PDF documents"
        echo
        echo "Generated by \`scripts/vendor_assets.sh fonts\` from the npm registry; do not edit by hand."
        echo "Integrity is the npm tarball's \`dist.integrity\`, checked against the downloaded tarball."
        echo "Used by \`cinebridge/core/pdf.py\`: Vazirmatn for Arabic-script text (Persian, Arabic),"
        echo "DejaVu Sans for Latin and Cyrillic. Files are copied unchanged from the packages"
        echo "(from \`fonts/ttf/\` of \`vazirmatn\` and \`ttf/\` of \`dejavu-fonts-ttf\`)."
        echo
        echo "| Package | Version | Files | Licence | npm tarball integrity |"
        echo "| --- | --- | --- | --- | --- |"
        printf '%s' "$rows"
    } > "$FONTS/VERSIONS.md"
    echo "done: $(du -sh "$FONTS" | cut -f1) in ${FONTS#"$ROOT"/}"
}

[[ "$TARGET" == fonts ]] || vendor_web
[[ "$TARGET" == web ]] || vendor_fonts
