# Sourced by ./jfilter and ./run-tests: sets JAVA_HOME to a JDK 25 or newer, or says what is missing.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.

jdk_major() { # prints the major version of the JDK at $1, or nothing
  local release="$1/release" v
  [[ -x $1/bin/java && -x $1/bin/javac && -f $release ]] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ -n $v ]] && echo "$v"
}

find_jdk25() {
  local candidate major best="" best_major=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(jdk_major "$JAVA_HOME")
    if [[ -n $major && $major -ge 25 ]]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    major=$(jdk_major "$candidate")
    if [[ -n $major && $major -ge 25 && $major -gt $best_major ]]; then best=$candidate; best_major=$major; fi
  done
  if [[ -z $best ]]; then
    echo "jfilter: needs a JDK 25 or newer; none found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    return 1
  fi
  export JAVA_HOME=$best
}
