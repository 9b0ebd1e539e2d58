# Sourced by ./mvnw and ./descent: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 25+, then known install paths, then `java` on the PATH.
descent_java_major() {
  # prints the feature version of the java binary $1 (e.g. 17, 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
descent_find_jdk() {
  for home in "${JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk \
              /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-25-openjdk /usr/lib/jvm/jdk-25 \
              /usr/lib/jvm/temurin-2[6-9]-jdk* /usr/lib/jvm/java-2[6-9]-openjdk*; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
    major=$(descent_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(descent_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  cat >&2 <<'MSG'
descent needs a JDK 25 or newer (it uses the Java 25 language level and jdk.incubator.vector).
None was found: JAVA_HOME is unset or older than 25, and no JDK 25 is in /usr/lib/jvm or on the PATH.
Install one, for example Eclipse Temurin 25 (Debian/Ubuntu: apt-get install temurin-25-jdk from the
Adoptium repository), then set JAVA_HOME to its folder and run the command again.
MSG
  return 1
}
