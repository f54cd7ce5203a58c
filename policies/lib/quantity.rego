# METADATA
# description: Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`, 2) as numbers.
package lib.quantity

import future.keywords.if
import future.keywords.in

suffixes := {
	"": 1,
	"k": 1000,
	"M": 1000000,
	"G": 1000000000,
	"T": 1000000000000,
	"P": 1000000000000000,
	"E": 1000000000000000000,
	"Ki": 1024,
	"Mi": 1048576,
	"Gi": 1073741824,
	"Ti": 1099511627776,
	"Pi": 1125899906842624,
	"Ei": 1152921504606846976,
}

# Sub-unit suffixes divide, so "500m" is exactly 0.5 (multiplying by 0.001 is not).
divisors := {"n": 1000000000, "u": 1000000, "m": 1000}

# parse is undefined for anything that is not a valid quantity.
parse(q) := q if is_number(q)

parse(q) := to_number(m[1]) / divisors[m[2]] if {
	is_string(q)
	m := regex.find_all_string_submatch_n(`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([num])$`, q, 1)[0]
}

parse(q) := to_number(m[1]) * suffixes[m[2]] if {
	is_string(q)
	m := regex.find_all_string_submatch_n(`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([kMGTPE]|[KMGTPE]i)?$`, q, 1)[0]
}

parse(q) := scaled(to_number(m[1]), to_number(m[2])) if {
	is_string(q)
	m := regex.find_all_string_submatch_n(`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[eE]([+-]?[0-9]+)$`, q, 1)[0]
	count(m[1]) <= max_mantissa
}

# x * 10^n as resource.ParseQuantity reads it: Kubernetes caps the magnitude at 2^63-1 and rounds
# a non-zero one up to 1n. A mantissa of at most max_mantissa characters lies within
# 10^-max_mantissa..10^max_mantissa, so past these exponents only the cap or the 1n can apply and
# 10^n is never computed: a manifest's `1e999999999` would take forever (a list of n tens).
# A longer mantissa is left unparsed, which the policies report as an invalid quantity.
max_mantissa := 1000

max_magnitude := 9223372036854775807

scaled(0, _) := 0

scaled(x, n) := (x / abs(x)) * max_magnitude if {
	x != 0
	n > max_mantissa + 19
}

scaled(x, n) := (x / abs(x)) * 0.000000001 if {
	x != 0
	n < (0 - max_mantissa) - 9
}

scaled(x, n) := x * pow10(n) if {
	x != 0
	n <= max_mantissa + 19
	n >= (0 - max_mantissa) - 9
}

# pow10 for integer exponents (Rego has no power operator).
pow10(0) := 1

pow10(n) := product([10 | some _ in numbers.range(1, n)]) if n > 0

pow10(n) := 1 / product([10 | some _ in numbers.range(1, 0 - n)]) if n < 0
