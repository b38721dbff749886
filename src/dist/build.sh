#!/usr/bin/env bash
# Builds logmon's distribution from what Maven's dist profile prepared in target/dist (the jars,
# the man pages and the completion script, all generated from the picocli model):
#   target/dist/logmon-VERSION.tar.gz    bin/logmon, lib/logmon/app, share/{man,bash-completion,zsh}
#   target/dist/logmon_VERSION-1_ARCH.deb the same under /usr, on a jlink-trimmed runtime, with the
#                                         systemd unit and /etc/logmon
# Run by `mvn -B -Pdist package` (docs/PACKAGING.md); needs a JDK 17 (jlink, jdeps, jpackage) and,
# for the package, Debian's dpkg-dev and fakeroot.
set -euo pipefail
version="$1"
target="$(cd "$2" && pwd)"
src="$(cd "$(dirname "$0")" && pwd)"
dist="$target/dist"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
# File times: SOURCE_DATE_EPOCH when the builder sets it (reproducible builds), else now. Not the
# last commit's time: the launcher (and the JVM) tell one build's class-data archive from the next
# by the jar's time and size, and two builds of an uncommitted change would share both.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"
cd "$dist"
rm -rf stage runtime image jpackage deb shlibdeps logmon-*.tar.gz logmon_*.deb
cp "$target/logmon-$version.jar" lib/

# Files shared by the tarball and the package, laid out under a prefix (/usr for the package).
main_jar="logmon-$version.jar"
shared() { # shared DIR ZSH_DIR: bin, lib and share under DIR
  local root="$1"
  install -D -m 755 "$src/bin/logmon" "$root/bin/logmon"
  install -d "$root/lib/logmon/app"
  install -m 644 lib/*.jar "$root/lib/logmon/app/"
  # Main jar first; the launcher reads this list (class-data sharing needs the same order each run).
  { echo "$main_jar"; (cd lib && printf '%s\n' *.jar | grep -vxF "$main_jar" | LC_ALL=C sort); } \
    >"$root/lib/logmon/app/classpath"
  install -d "$root/share/man/man1"
  for page in man/*.1; do
    gzip -9n <"$page" >"$root/share/man/man1/$(basename "$page").gz"
  done
  # (bash sources it: no #! line)
  install -d "$root/share/bash-completion/completions"
  sed '1{/^#!/d}' man-sources/logmon_completion >"$root/share/bash-completion/completions/logmon"
  install -d "$root/share/$2"
  # zsh loads _logmon from its fpath on the first TAB: picocli's script run through zsh's
  # bashcompinit, then the completion of that first TAB. Its zsh alias compopt=complete cannot
  # work in an autoloaded file (aliases apply when a function is parsed), so it goes again.
  { printf '#compdef logmon\nsetopt localoptions\n'; cat man-sources/logmon_completion
    printf '\nunalias compopt 2>/dev/null\n_bash_complete -o default -F _complete_logmon\n'; } \
    >"$root/share/$2/_logmon"
  install -D -m 644 "$src/systemd/logmon.service" "$root/share/doc/logmon/examples/logmon.service"
  install -m 644 "$src/etc/logmon.env" "$root/share/doc/logmon/examples/logmon.env"
  install -m 644 "$src/etc/logmon.conf" "$root/share/doc/logmon/examples/logmon.conf"
  install -m 644 "$src/copyright" "$root/share/doc/logmon/copyright"
}

# The tarball: unpack anywhere (or with --strip-components=1 into /usr/local); needs Java 17+.
tree="stage/logmon-$version"
shared "$tree" zsh/site-functions
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C stage -czf "logmon-$version.tar.gz" "logmon-$version"

# The runtime: only the modules the jars use (jdeps), minus java.desktop, which only Lanterna's
# Swing terminal needs (never used: logmon draws on the text terminal); 45 MB instead of 94 MB.
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 lib/*.jar |
  tr ',' '\n' | grep -vx java.desktop | paste -sd,)"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output runtime

# The package: jpackage makes an application image around the runtime and the jars, then packages
# it for /usr (control file and dependencies from the runtime's libraries, maintainer scripts from
# src/dist/deb). Its native launcher is replaced by bin/logmon, which adds what a jpackage launcher
# cannot: the per-user class-data sharing archive and per-mode JVM options. JDK 17's jpackage
# places nothing outside /usr/bin and /usr/lib/logmon, so the man pages, completions, the systemd
# unit and /etc/logmon are added to its package with dpkg-deb.
"$jdk/bin/jpackage" --type app-image --dest image --name logmon --app-version "$version" \
  --input lib --main-jar "$main_jar" --main-class dev.logmon.cli.Main --runtime-image runtime
app_image="image/logmon"
install -m 755 "$src/bin/logmon" "$app_image/bin/logmon"
rm -f "$app_image/lib/libapplauncher.so" "$app_image/lib/logmon.png" "$app_image/lib/app/logmon.cfg"
cp stage/"logmon-$version"/lib/logmon/app/classpath "$app_image/lib/app/classpath"
DPKG_DEB_COMPRESSOR_TYPE=none "$jdk/bin/jpackage" --type deb --dest jpackage \
  --app-image "$app_image" --name logmon --app-version "$version" --install-dir /usr \
  --resource-dir "$src/deb" --linux-package-name logmon --linux-app-category admin \
  --vendor "logmon developers" --linux-deb-maintainer logmon@localhost
deb_in=(jpackage/logmon_*.deb)
dpkg-deb -R "${deb_in[0]}" deb
shared deb/usr zsh/vendor-completions
rm -rf deb/usr/share/doc/logmon/examples
install -D -m 644 "$src/systemd/logmon.service" deb/lib/systemd/system/logmon.service
install -D -m 644 "$src/etc/logmon.env" deb/etc/logmon/logmon.env
install -D -m 644 "$src/etc/logmon.conf" deb/etc/logmon/logmon.conf
printf '/etc/logmon/logmon.env\n/etc/logmon/logmon.conf\n' >deb/DEBIAN/conffiles
rm deb/DEBIAN/preinst # jpackage's, which does nothing
printf 'logmon (%s-1) unstable; urgency=medium\n\n  * Built from logmon %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$(sed -n 's/^Maintainer: //p' deb/DEBIAN/control)" \
  "$(date -R -u -d "@$SOURCE_DATE_EPOCH")" | gzip -9n >deb/usr/share/doc/logmon/changelog.Debian.gz
# Versioned library dependencies: jpackage 17 names libc6 and the others without a version, but
# this runtime needs glibc 2.34 or newer. dpkg-shlibdeps reads them from its ELF files (its
# warnings, about the JDK's private libraries, go to shlibdeps.log).
mkdir -p shlibdeps/debian
printf 'Source: logmon\n\nPackage: logmon\nArchitecture: any\n' >shlibdeps/debian/control
rt="$dist/deb/usr/lib/logmon/runtime"
depends="$(cd shlibdeps && find "$rt" -type f \( -name '*.so' -o -path '*/bin/*' \) -printf '-e%p\n' |
  xargs dpkg-shlibdeps -O -l"$rt/lib" -l"$rt/lib/server" 2>"$dist/shlibdeps.log" |
  sed -n 's/^shlibs:Depends=//p')"
[[ -n "$depends" ]] || { echo "build.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
sed -i "s/^Depends: .*/Depends: $depends/" deb/DEBIAN/control
size="$(du -sk --exclude=DEBIAN deb | cut -f1)"
sed -i "s/^Installed-Size: .*/Installed-Size: $size/" deb/DEBIAN/control
find deb -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
fakeroot dpkg-deb --root-owner-group -Zxz -b deb "$(basename "${deb_in[0]}")" >/dev/null
ls -l "$dist"/logmon-"$version".tar.gz "$dist"/logmon_*.deb
