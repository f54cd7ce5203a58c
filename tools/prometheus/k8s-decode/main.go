// k8s-decode decodes Kubernetes manifests the way the API server's strict field validation does:
// apimachinery's YAMLReader splits the input into documents and the strict universal
// deserializer of client-go's scheme (every built-in type) decodes each into its Go type, which
// refuses unknown and duplicate fields and values of the wrong type. It is the reference that
// test/fix/schema-differential.test.ts holds src/fix/schema.ts to. It prints one JSON line per
// document of its standard input: {"doc":N} when it decodes, {"doc":N,"errors":["…"]} when it
// does not. Usage: k8s-decode < manifests.yaml
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

type result struct {
	Doc    int      `json:"doc"`
	Errors []string `json:"errors,omitempty"`
}

var decoder = serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: k8s-decode < manifests.yaml")
		os.Exit(2)
	}
	if err := decodeAll(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "k8s-decode: %v\n", err)
		os.Exit(2)
	}
}

func decodeAll(input io.Reader, output io.Writer) error {
	out := bufio.NewWriter(output)
	encoder := json.NewEncoder(out)
	reader := utilyaml.NewYAMLReader(bufio.NewReader(input))
	for doc := 0; ; doc++ {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return out.Flush()
		}
		if err == nil {
			err = encoder.Encode(result{Doc: doc, Errors: decode(chunk)})
		}
		if err != nil {
			out.Flush()
			return err
		}
	}
}

// decode lists every reason strict decoding gives (a strict error lists each field), or none.
func decode(document []byte) []string {
	_, _, err := decoder.Decode(document, nil, nil)
	if err == nil {
		return nil
	}
	if strict, ok := runtime.AsStrictDecodingError(err); ok {
		messages := []string{}
		for _, fieldErr := range strict.Errors() {
			messages = append(messages, fieldErr.Error())
		}
		return messages
	}
	return []string{err.Error()}
}
