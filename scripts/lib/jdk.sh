# Finds a JDK >= 21 and exports JAVA_HOME and JAVA for the scripts beside this one.
# Looks at JAVA_HOME, then the java on PATH, then the usual JVM folders; the newest that fits wins
# among the folders. Says clearly when there is none.

java_major() { # prints the major version of the java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*} ;; esac
  echo "${v:-0}"
}

find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    best="$JAVA_HOME"
  elif command -v javac >/dev/null 2>&1 && [ "$(java_major "$(command -v java)")" -ge 21 ]; then
    best=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  else
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(java_major "$candidate/bin/java")
      if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"; best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "compliance: error: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME" >&2
    exit 1
  fi
  export JAVA_HOME="$best"
  export JAVA="$best/bin/java"
}
