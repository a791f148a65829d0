# Sourced by bin/coedit and bin/test: installs what a fresh machine of this kind lacks
# (Debian packages, the Maven build) and nothing more. Safe to run again: each step
# checks first and does nothing when its work is already done.

coedit_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ensure_debian_packages PKG...: apt-get installs the packages not yet installed.
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  echo "coedit: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ensure_build: compiles with Maven when a source, resource or the pom changed since the
# last build, and writes target/classpath-runtime.txt for the launcher.
ensure_build() {
  local stamp="$coedit_root/target/.build-stamp"
  if [ -f "$stamp" ] && [ -f "$coedit_root/target/classpath-runtime.txt" ] \
     && [ -z "$(find "$coedit_root/src" "$coedit_root/pom.xml" -path "$coedit_root/src/web/node_modules" -prune \
                -o -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  echo "coedit: building (mvn compile)..." >&2
  (cd "$coedit_root" && mvn -q -B compile >&2)
  touch "$stamp"
}

# ensure_web_build: bundles the CodeMirror editor (src/web) with esbuild into
# target/classes/public/codemirror.js when a source or the lock file is newer than the
# bundle; `npm ci` first when the lock file is newer than node_modules. The bundle and
# node_modules are build outputs, never committed. Without the bundle the demo page falls
# back to its plain textarea binding, so `coedit serve` only warns when this fails;
# bin/test needs it and stops.
ensure_web_build() {
  local web="$coedit_root/src/web" bundle="$coedit_root/target/classes/public/codemirror.js"
  command -v node >/dev/null || ensure_debian_packages nodejs
  command -v npm >/dev/null || ensure_debian_packages npm
  if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "coedit: installing the web build's packages (npm ci)..." >&2
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
  fi
  if [ -f "$bundle" ] && [ -z "$(find "$web/codemirror.js" "$web/build.mjs" "$web/package-lock.json" \
       "$coedit_root/src/resources/public/colours.js" -newer "$bundle" -print -quit)" ]; then
    return 0
  fi
  (cd "$web" && node build.mjs "$bundle" >&2)
}

coedit_classpath() {
  echo "$coedit_root/target/classes:$(cat "$coedit_root/target/classpath-runtime.txt")"
}
