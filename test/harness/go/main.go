// Command harness builds the offline fixtures of the end-to-end test harness:
// a Trivy vulnerability DB made from fixture advisories, test container images
// built without Docker, and pushes both to a loopback OCI registry.
//
//	harness trivydb -fixtures advisories.yaml -out DIR
//	harness images  -spec images.yaml -out DIR
//	harness push    -dir DIR -registry 127.0.0.1:PORT
//
// Everything is deterministic for fixed inputs except the DB metadata timestamps.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "trivydb":
		err = cmdTrivyDB(os.Args[2:])
	case "images":
		err = cmdImages(os.Args[2:])
	case "push":
		err = cmdPush(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "harness %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: harness trivydb|images|push [flags]")
	os.Exit(2)
}
