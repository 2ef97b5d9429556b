#!/bin/sh
# The executable of "demoapp dir-size", named by exec in plugin.yaml.
set -eu
case "${1:-}" in
-h|--help)
	echo "Usage: demoapp dir-size [DIR...]"
	exit 0
	;;
esac
[ $# -gt 0 ] || set -- .
for dir in "$@"; do
	du -sk "$dir" | { read -r kb _; echo "$dir: $kb KiB"; }
done
