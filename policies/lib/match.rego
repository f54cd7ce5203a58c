# METADATA
# description: Matching of names against exemption lists.
package lib.match

import future.keywords.if
import future.keywords.in

# A value matches a list of patterns when one pattern ending in `*` is a prefix
# of it (without the `*`) or any other pattern equals it. Use fully qualified
# image names (`docker.io/library/nginx`, `ghcr.io/org/*`), because the
# comparison is on the string as written in the manifest.
#
# Policies call prefixes once per review, then test each value inline with two
# builtins rather than a function call per container:
#   not value in patterns
#   not strings.any_prefix_match(value, prefixes_of_the_patterns)
# (An exact match also matches a pattern that ends in `*`, so `in` covers every
# exact case.)
prefixes(patterns) := [trim_suffix(pattern, "*") |
	some pattern in patterns
	endswith(pattern, "*")
]
