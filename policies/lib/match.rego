# METADATA
# description: Matching of names against exemption lists.
package lib.match

import future.keywords.if
import future.keywords.in

# any_glob is true when value matches one of the patterns. A pattern ending in
# `*` matches by prefix; any other pattern must match exactly. Use fully
# qualified image names (`docker.io/library/nginx`, `ghcr.io/org/*`), because
# the comparison is on the string as written in the manifest.
any_glob(patterns, value) if {
	some pattern in patterns
	pattern_matches(pattern, value)
}

pattern_matches(pattern, value) if {
	endswith(pattern, "*")
	startswith(value, trim_suffix(pattern, "*"))
}

pattern_matches(pattern, value) if {
	not endswith(pattern, "*")
	pattern == value
}
