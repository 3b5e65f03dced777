#!/usr/bin/env bash
# Puts RNNKit on a Java Jupyter kernel's class path, from outside the notebooks, so the same
# notebooks run under rapaio-jupyter-kernel, IJava and JJava without kernel-specific magics.
#
#   notebooks/install-kernel.sh            # rapaio-jupyter-kernel (installed from Maven Central)
#   notebooks/install-kernel.sh ijava      # an installed IJava kernel: sets IJAVA_CLASSPATH
#   notebooks/install-kernel.sh jjava      # an installed JJava kernel: sets JJAVA_CLASSPATH
#
# Needs the built project (mvn package): target/rnnkit.jar and target/lib/ with the TF Java
# native jar for this OS, which must be on the kernel's class path explicitly. Builds it if not.
# The class path names this checkout: run it again from another clone to switch to that one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kernel="${1:-rapaio}"
rjk_version=3.0.1

# Any python3 does (only its json module is used); Debian's own is preferred where it exists.
python="$(command -v /usr/bin/python3 || command -v python3)"
jupyter="$(command -v /usr/bin/jupyter || command -v jupyter || true)"

# Runs Maven quietly, showing its output only when it fails.
mvn_quiet() {
  local log
  if ! log="$(cd "$root" && mvn -q -B -ntp "$@" 2>&1)"; then
    printf '%s\n' "$log" >&2
    return 1
  fi
}

if [ ! -f "$root/target/rnnkit.jar" ] || ! ls "$root"/target/lib/tensorflow-core-native-*-*.jar >/dev/null 2>&1; then
  echo "Building RNNKit first (mvn package)..." >&2
  mvn_quiet package -DskipTests
fi

# The folder of an installed kernelspec, by name, as Jupyter itself resolves it; empty if none.
kernelspec_dir() {
  [ -n "$jupyter" ] || return 0
  "$jupyter" kernelspec list --json 2>/dev/null | "$python" -c '
import json, sys
specs = json.load(sys.stdin)["kernelspecs"]
print(next((specs[n]["resource_dir"] for n in sys.argv[1:] if n in specs), ""))' "$@"
}

# Sets one env entry of a kernel.json (the kernel's own installer may hard-code it empty).
set_env() {
  "$python" - "$1" "$2" "$3" <<'PY'
import json, sys
path, key, value = sys.argv[1:]
with open(path) as f:
    spec = json.load(f)
spec.setdefault("env", {})[key] = value
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
PY
}

case "$kernel" in
  rapaio)
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    mvn_quiet dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$rjk_version" -DoutputDirectory="$work"
    (cd "$work" && java -jar "rapaio-jupyter-kernel-$rjk_version.jar" -i -auto >/dev/null)
    # Its installer writes to the user's kernels folder, which differs by OS: ask Jupyter.
    spec="$(kernelspec_dir rapaio-jupyter-kernel)"
    if [ -z "$spec" ]; then
      spec="$HOME/.local/share/jupyter/kernels/rapaio-jupyter-kernel"
      [ "$(uname)" = Darwin ] && spec="$HOME/Library/Jupyter/kernels/rapaio-jupyter-kernel"
    fi
    # rapaio separates class-path entries with ';' on every OS.
    set_env "$spec/kernel.json" RJK_CLASSPATH "$root/target/rnnkit.jar;$root/target/lib/*"
    echo "rapaio-jupyter-kernel installed in $spec with RNNKit on its class path."
    ;;
  ijava|jjava)
    var="IJAVA_CLASSPATH"
    [ "$kernel" = jjava ] && var="JJAVA_CLASSPATH"
    # Both install themselves as "java" by default.
    spec="$(kernelspec_dir "$kernel" java)"
    if [ -z "$spec" ]; then
      echo "No $kernel kernel is installed: install it first (see README, Notebooks)." >&2
      exit 1
    fi
    # IJava and JJava use the OS path separator.
    set_env "$spec/kernel.json" "$var" "$root/target/rnnkit.jar:$root/target/lib/*"
    echo "$var set in $spec/kernel.json."
    ;;
  *)
    echo "usage: $0 [rapaio|ijava|jjava]" >&2
    exit 2
    ;;
esac
