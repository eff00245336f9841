# Sourced by the run-*.sh scripts: finds a JDK 21 or newer (NiFi 2.x needs it) and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, else the newest 21+ JDK among `java` on the PATH and the usual
# install folders. Says clearly what it found, or what it looked at when there is none.

java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{ if ($1 == "1") print $2; else print $1 }'
}

find_jdk21() {
  local candidates=() checked=() dir major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
    checked+=("JAVA_HOME=$JAVA_HOME (Java ${major:-?})")
  fi
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
             /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$dir/bin/javac" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    major=$(java_major "$dir")
    checked+=("$dir (Java ${major:-?})")
    if [ "${major:-0}" -ge 21 ] && [ "${major:-0}" -gt "$best_major" ]; then
      best="$dir"
      best_major=$major
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  {
    echo "ERROR: no JDK 21 or newer found. NiFi 2.x and this bundle need Java 21+."
    if [ ${#checked[@]} -gt 0 ]; then
      echo "Looked at:"
      printf '  %s\n' "${checked[@]}"
    else
      echo "Looked at JAVA_HOME, javac on the PATH and /usr/lib/jvm, /opt/java, /Library/Java/JavaVirtualMachines, ~/.sdkman: no JDK at all."
    fi
    echo "Install a JDK 21+ (for example Eclipse Temurin 21, or 'apt-get install openjdk-21-jdk') and set JAVA_HOME to it."
  } >&2
  return 1
}

JAVA_HOME=$(find_jdk21) || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using Java $(java_major "$JAVA_HOME") at $JAVA_HOME" >&2
