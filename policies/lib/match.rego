# METADATA
# description: Matching of names against exemption lists.
package lib.match

import future.keywords.if
import future.keywords.in

# any_glob is true when value matches one of the patterns. A pattern ending in
# `*` matches by prefix; any other pattern must match exactly. Use fully
# qualified image names (`docker.io/library/nginx`, `ghcr.io/org/*`), because
# the comparison is on the string as written in the manifest. (An exact match
# also matches a pattern that ends in `*`, so `in` covers every exact case.)
any_glob(patterns, value) if value in patterns

any_glob(patterns, value) if {
	some pattern in patterns
	endswith(pattern, "*")
	startswith(value, trim_suffix(pattern, "*"))
}
