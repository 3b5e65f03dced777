#!/usr/bin/env bash
# Puts RNNKit on a Java Jupyter kernel's class path, from outside the notebooks, so the same
# notebooks run under rapaio-jupyter-kernel, IJava and JJava without kernel-specific magics.
#
#   notebooks/install-kernel.sh            # rapaio-jupyter-kernel (installed from Maven Central)
#   notebooks/install-kernel.sh ijava      # an installed IJava kernel: sets IJAVA_CLASSPATH
#   notebooks/install-kernel.sh jjava      # an installed JJava kernel: sets JJAVA_CLASSPATH
#
# Needs the built project (mvn package): target/rnnkit.jar and target/lib/ with the TF Java
# native jar for this OS, which must be on the kernel's class path explicitly.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kernel="${1:-rapaio}"
rjk_version=3.0.1
kernels_dir="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"

if [ ! -f "$root/target/rnnkit.jar" ] || ! ls "$root"/target/lib/tensorflow-core-native-*-*.jar >/dev/null 2>&1; then
  echo "Building RNNKit first (mvn package)..." >&2
  (cd "$root" && mvn -q -B -ntp package -DskipTests)
fi

# Sets one env entry of a kernel.json (the kernel's own installer may hard-code it empty).
set_env() {
  local spec="$1" key="$2" value="$3"
  /usr/bin/python3 - "$spec" "$key" "$value" <<'PY'
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
    mvn -q -B -ntp dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$rjk_version" -DoutputDirectory="$work"
    (cd "$work" && java -jar "rapaio-jupyter-kernel-$rjk_version.jar" -i -auto >/dev/null)
    # rapaio separates class-path entries with ';' on every OS.
    set_env "$kernels_dir/rapaio-jupyter-kernel/kernel.json" RJK_CLASSPATH \
      "$root/target/rnnkit.jar;$root/target/lib/*"
    echo "rapaio-jupyter-kernel installed with RNNKit on its class path."
    ;;
  ijava|jjava)
    name="java"; var="IJAVA_CLASSPATH"
    [ "$kernel" = jjava ] && { name="java"; var="JJAVA_CLASSPATH"; }
    spec="$(jupyter kernelspec list --json | /usr/bin/python3 -c \
      "import json,sys; k=json.load(sys.stdin)['kernelspecs']; print(next((v['resource_dir'] for n,v in k.items() if n in ('java','jjava','ijava')), ''))")"
    if [ -z "$spec" ]; then
      echo "No IJava/JJava kernel is installed: install it first (see README, Notebooks)." >&2
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
