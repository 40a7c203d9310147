#!/usr/bin/env bash
# Builds phoneaudit's release archives into dist/ for a city's IT office, which runs the binary
# without Go (README: "Releases"):
#
#   scripts/release.sh 0.2.0
#
# For linux/amd64, linux/arm64, linux/loong64 and windows/amd64: a binary built with
# CGO_ENABLED=0 -trimpath and stripped symbols (-s -w), the README, the commented sample rubric
# (rubric.toml) and the bulletin templates a city may copy (templates/), packed as
# phoneaudit-VERSION-OS-ARCH.tar.gz (.zip for Windows), and SHA256SUMS for them all. Then it
# checks what it made: every archive against SHA256SUMS, every binary's recorded version and
# commit (go version -m), and the one this machine runs, its --version.
#
# It builds from a git checkout, whose commit every binary names. The archives are
# reproducible: the same commit and Go make the same bytes (sorted entries, owners 0, every
# file dated at the commit).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

die() {
	echo "release.sh: $1" >&2
	exit "${2:-1}"
}

[ $# = 1 ] || die "usage: scripts/release.sh VERSION   (e.g. 0.2.0)" 2
version=${1#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] ||
	die "\"$1\" is no version: give MAJOR.MINOR.PATCH, e.g. 0.2.0 (or 0.2.0-rc1)" 2

command -v unzip >/dev/null || die "unzip is not installed; the check unpacks the Windows archive with it (apt-get install unzip)"
commit=$(git rev-parse HEAD 2>/dev/null) ||
	die "$(pwd) is not a git checkout (or git refuses it): a release names its commit, so build it from a clone"
epoch=$(git log -1 --format=%ct)
modified=false
if [ -n "$(git status --porcelain)" ]; then
	modified=true
	echo "release.sh: the tree has changes that are not committed; the binaries will say +dirty" >&2
fi

pkg=phoneaudit/internal/version
ldflags="-s -w -X $pkg.release=$version"
if [ "$(git rev-parse --path-format=absolute --git-dir)" = "$(git rev-parse --path-format=absolute --git-common-dir)" ]; then
	# A clone: Go records the commit, its date and whether the tree was clean (vcs.* in
	# go version -m), whatever GOFLAGS says (.ci/run sets -buildvcs=false for the tests).
	vcs=-buildvcs=true
else
	# A linked worktree (git worktree add): its .git is a file Go does not follow, so it would
	# record no commit, or nested in another checkout that one's (golang.org/issue/58218).
	# git says it instead.
	vcs=-buildvcs=false
	ldflags+=" -X $pkg.commit=$commit -X $pkg.commitTime=$(git log -1 --format=%cI) -X $pkg.modified=$modified"
fi

targets=(linux/amd64 linux/arm64 linux/loong64 windows/amd64)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf dist
mkdir dist
GOOS= GOARCH= go build -o "$work/pack" ./scripts/pack

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

echo "== phoneaudit $version, commit ${commit:0:12}, $(go env GOVERSION)"
for target in "${targets[@]}"; do
	os=${target%/*} arch=${target#*/}
	name=phoneaudit-$version-$os-$arch
	exe=phoneaudit archive=$name.tar.gz
	if [ "$os" = windows ]; then
		exe=phoneaudit.exe archive=$name.zip
	fi
	dir=$work/$name
	mkdir -p "$dir/templates"
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build "$vcs" -trimpath -ldflags "$ldflags" -o "$dir/$exe" .
	cp README.md "$dir/"
	cp scoring/testdata/rubric.toml "$dir/rubric.toml"
	cp bulletin/templates/{zh,en}.{txt,md}.tmpl "$dir/templates/"
	"$work/pack" -mtime "$epoch" "$dir" "dist/$archive"
	printf '   %-14s binary %s, archive %s\n' "$target" "$(mb "$(stat -c %s "$dir/$exe")")" "$(mb "$(stat -c %s "dist/$archive")")"
done
(cd dist && sha256sum -- *.tar.gz *.zip >SHA256SUMS)

echo "== checking dist/"
(cd dist && sha256sum --quiet -c SHA256SUMS)
host=$(go env GOHOSTOS)/$(go env GOHOSTARCH)
dirty=
[ "$modified" = false ] || dirty=+dirty
for target in "${targets[@]}"; do
	os=${target%/*} arch=${target#*/}
	name=phoneaudit-$version-$os-$arch
	out=$work/check/$name
	mkdir -p "$out"
	exe=phoneaudit
	if [ "$os" = windows ]; then
		exe=phoneaudit.exe
		(cd "$out" && unzip -q "$root/dist/$name.zip")
	else
		tar -xzf "dist/$name.tar.gz" -C "$out"
	fi
	bin=$out/$name/$exe
	for f in "$exe" README.md rubric.toml templates/zh.txt.tmpl templates/zh.md.tmpl templates/en.txt.tmpl templates/en.md.tmpl; do
		[ -f "$out/$name/$f" ] || die "$name lacks $f"
	done
	# What the binary recorded of its build (with -trimpath Go leaves out the -ldflags, so the
	# version is looked for in the binary itself).
	info=$(go version -m "$bin")
	for want in "GOOS=$os" "GOARCH=$arch" "CGO_ENABLED=0" "-trimpath=true"; do
		grep -qF -- "$want" <<<"$info" || die "$name: the binary does not record $want"
	done
	grep -qF "vcs.revision=$commit" <<<"$info" || grep -aqF "$commit" "$bin" ||
		die "$name: the binary does not record commit $commit"
	grep -aqF "$version" "$bin" || die "$name: the binary does not hold version $version"
	# And what it says, where this machine can run it (the others, under qemu-user if installed).
	run=()
	case $target in
	"$host") run=("$bin") ;;
	linux/arm64) run=("$(command -v qemu-aarch64 || command -v qemu-aarch64-static || true)" "$bin") ;;
	linux/loong64) run=("$(command -v qemu-loongarch64 || command -v qemu-loongarch64-static || true)" "$bin") ;;
	esac
	if [ ${#run[@]} -gt 0 ] && [ -n "${run[0]}" ]; then
		line=$("${run[@]}" --version)
		[[ $line == "phoneaudit $version (commit ${commit:0:12}$dirty, "*", $target, SQLite "* ]] ||
			die "$name: --version says \"$line\", not version $version and commit ${commit:0:12}$dirty"
		echo "   $target --version: $line"
	fi
done
echo "== dist/: $(cd dist && echo *)"
