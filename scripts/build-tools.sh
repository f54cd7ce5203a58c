#!/usr/bin/env bash
# Builds the pinned tools listed in tools/tools.tsv into .tools/bin/ from their Go modules.
# Usage: scripts/build-tools.sh [binary ...]   (no arguments: every tool)
# A tool is rebuilt only when its go.mod/go.sum (and, for a tool whose source is ours, such as
# k8s-yaml with package "." or k8s-decode with "./k8s-decode", its .go files), its tools.tsv line
# or the Go version changed, so a second run with nothing changed takes seconds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin_dir="$root/.tools/bin"
mkdir -p "$bin_dir"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
shopt -s nullglob

# Prometheus tags its Go module v0.3MM.P for release v3.MM.P; promtool reports the release version.
release_version() {
  local module=$1 version=${2#v}
  if [[ $module == github.com/prometheus/prometheus && $version =~ ^0\.3([0-9]{2})\.([0-9]+)$ ]]; then
    echo "3.$((10#${BASH_REMATCH[1]})).${BASH_REMATCH[2]}"
  else
    echo "$version"
  fi
}

requested=" $* "
found_any=0
while IFS=$'\t' read -r name dir module package tags build_env xflags; do
  [[ -z $name || $name == \#* ]] && continue
  [[ $# -gt 0 && $requested != *" $name "* ]] && continue
  found_any=1
  mod_dir="$root/tools/$dir"
  version=$(cd "$mod_dir" && go list -m -f '{{.Version}}' "$module")
  release=$(release_version "$module" "$version")
  own_source=("$mod_dir"/*.go)
  [[ $package == ./* ]] && own_source+=("$mod_dir/$package"/*.go)
  stamp=$( { cat "$mod_dir/go.mod" "$mod_dir/go.sum" "${own_source[@]}"; printf '%s\n' "$name $dir $package $tags $build_env $xflags" "$(go version)"; } | sha256sum | cut -c1-32)
  if [[ -x $bin_dir/$name && -f $bin_dir/.$name.stamp && $(<"$bin_dir/.$name.stamp") == "$stamp" ]]; then
    printf '%-11s %-9s up to date\n' "$name" "$release"
    continue
  fi
  started=$SECONDS
  ldflags="-s -w ${xflags//\{version\}/$release}"
  env_args=() tag_args=()
  [[ $build_env != - ]] && read -r -a env_args <<<"$build_env"
  [[ $tags != - ]] && tag_args=(-tags "$tags")
  (cd "$mod_dir" && env "${env_args[@]}" go build "${tag_args[@]}" -trimpath -ldflags "$ldflags" -o "$bin_dir/$name.partial" "$package")
  mv "$bin_dir/$name.partial" "$bin_dir/$name"
  echo "$stamp" >"$bin_dir/.$name.stamp"
  printf '%-11s %-9s built in %ds\n' "$name" "$release" $((SECONDS - started))
done <"$root/tools/tools.tsv"

if [[ $found_any -eq 0 ]]; then
  echo "build-tools: no tool named in: $*" >&2
  exit 2
fi
