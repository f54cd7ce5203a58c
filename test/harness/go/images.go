package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"gopkg.in/yaml.v3"
)

// imageSpecFile is the fixture format (see test/harness/fixtures/images.yaml).
type imageSpecFile struct {
	Images []imageSpec `yaml:"images"`
}

type imageSpec struct {
	Name   string   `yaml:"name"`   // repository path inside the registry, e.g. fixtures/alpine-app
	Tag    string   `yaml:"tag"`    // e.g. vulnerable
	Rootfs []string `yaml:"rootfs"` // directories (relative to the spec file), one layer each, in order
	Cmd    []string `yaml:"cmd"`
	Env    []string `yaml:"env"`
	User   string   `yaml:"user"`
	Labels map[string]string `yaml:"labels"`
}

// imageIndexEntry is written to <out>/images.json for the Node side.
type imageIndexEntry struct {
	Name    string `json:"name"`
	Tag     string `json:"tag"`
	Tarball string `json:"tarball"`
	Digest  string `json:"digest"`
}

// fixedTime keeps image digests stable across builds.
var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func cmdImages(args []string) error {
	fset := flag.NewFlagSet("images", flag.ExitOnError)
	spec := fset.String("spec", "", "images YAML file")
	out := fset.String("out", "", "output directory")
	_ = fset.Parse(args)
	if *spec == "" || *out == "" {
		return fmt.Errorf("-spec and -out are required")
	}
	raw, err := os.ReadFile(*spec)
	if err != nil {
		return err
	}
	var file imageSpecFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return fmt.Errorf("%s: %w", *spec, err)
	}
	base := filepath.Dir(*spec)
	imgDir := filepath.Join(*out, "images")
	if err := os.MkdirAll(imgDir, 0o755); err != nil {
		return err
	}
	var index []imageIndexEntry
	for _, s := range file.Images {
		img, err := buildImage(base, s)
		if err != nil {
			return fmt.Errorf("image %s:%s: %w", s.Name, s.Tag, err)
		}
		tag, err := name.NewTag("fixtures.invalid/" + s.Name + ":" + s.Tag)
		if err != nil {
			return err
		}
		fileName := strings.ReplaceAll(s.Name, "/", "_") + "_" + s.Tag + ".tar"
		p := filepath.Join(imgDir, fileName)
		if err := tarball.WriteToFile(p, tag, img); err != nil {
			return err
		}
		d, err := img.Digest()
		if err != nil {
			return err
		}
		index = append(index, imageIndexEntry{Name: s.Name, Tag: s.Tag, Tarball: filepath.Join("images", fileName), Digest: d.String()})
		fmt.Printf("image %s:%s %s -> %s\n", s.Name, s.Tag, d, p)
	}
	b, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(*out, "images.json"), b, 0o644)
}

func buildImage(base string, s imageSpec) (v1.Image, error) {
	if s.Name == "" || s.Tag == "" || len(s.Rootfs) == 0 {
		return nil, fmt.Errorf("name, tag and rootfs are required")
	}
	img := empty.Image
	for _, dir := range s.Rootfs {
		b, err := tarDir(filepath.Join(base, dir))
		if err != nil {
			return nil, err
		}
		layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(b)), nil
		})
		if err != nil {
			return nil, err
		}
		img, err = mutate.Append(img, mutate.Addendum{
			Layer: layer,
			History: v1.History{
				Created:   v1.Time{Time: fixedTime},
				CreatedBy: "COPY " + dir + " / # hardening-action test harness",
			},
		})
		if err != nil {
			return nil, err
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.OS = "linux"
	cf.Architecture = "amd64"
	cf.Created = v1.Time{Time: fixedTime}
	cf.Config.Cmd = s.Cmd
	cf.Config.Env = s.Env
	cf.Config.User = s.User
	cf.Config.Labels = s.Labels
	return mutate.ConfigFile(img, cf)
}

// tarDir packs a directory into an uncompressed tar with sorted entries,
// root ownership and a fixed mtime. Executable bits are kept.
func tarDir(root string) ([]byte, error) {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, p := range paths {
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		st, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		hdr := &tar.Header{Name: rel, ModTime: fixedTime, Uname: "root", Gname: "root", Format: tar.FormatPAX}
		switch {
		case st.IsDir():
			hdr.Typeflag = tar.TypeDir
			hdr.Name += "/"
			hdr.Mode = 0o755
		case st.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return nil, err
			}
			hdr.Typeflag = tar.TypeSymlink
			hdr.Linkname = target
			hdr.Mode = 0o777
		case st.Mode().IsRegular():
			hdr.Typeflag = tar.TypeReg
			hdr.Size = st.Size()
			hdr.Mode = 0o644
			if st.Mode()&0o111 != 0 {
				hdr.Mode = 0o755
			}
		default:
			return nil, fmt.Errorf("%s: unsupported file type", p)
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if hdr.Typeflag == tar.TypeReg {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			if _, err := tw.Write(b); err != nil {
				return nil, err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
