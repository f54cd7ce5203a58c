// k8s-yaml reads YAML as Kubernetes does: it splits each input into documents with
// k8s.io/apimachinery's YAMLReader and converts each document with sigs.k8s.io/yaml's YAMLToJSON
// (the path of kubectl, the API server and gator). It prints one JSON line per document:
// {"file":…,"doc":N,"json":…} or {"file":…,"doc":N,"error":"…"}. A reader error (for example an
// invalid `---` line) ends that file, as it ends kubectl's read. Usage: k8s-yaml [file ...] (none or
// "-": standard input).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type result struct {
	File  string          `json:"file"`
	Doc   int             `json:"doc"`
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	for _, name := range files {
		if err := convert(name, encoder); err != nil {
			fmt.Fprintf(os.Stderr, "k8s-yaml: %s: %v\n", name, err)
			out.Flush()
			os.Exit(2)
		}
	}
}

func convert(name string, encoder *json.Encoder) error {
	input := os.Stdin
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return err
		}
		defer file.Close()
		input = file
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(input))
	for doc := 0; ; doc++ {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return encoder.Encode(result{File: name, Doc: doc, Error: err.Error()})
		}
		converted, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			err = encoder.Encode(result{File: name, Doc: doc, Error: err.Error()})
		} else {
			err = encoder.Encode(result{File: name, Doc: doc, JSON: converted})
		}
		if err != nil {
			return err
		}
	}
}
