package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

const (
	trivyConfigMediaType = types.MediaType("application/vnd.aquasec.trivy.config.v1+json")
	trivyDBLayerType     = types.MediaType("application/vnd.aquasec.trivy.db.layer.v1.tar+gzip")
)

// cmdPush pushes what `images` and `trivydb` wrote into -dir to a registry.
func cmdPush(args []string) error {
	fset := flag.NewFlagSet("push", flag.ExitOnError)
	dir := fset.String("dir", "", "directory written by `images` and/or `trivydb`")
	registry := fset.String("registry", "", "registry host:port, e.g. 127.0.0.1:5000")
	dbRepo := fset.String("db-repo", "trivy-db", "repository for the Trivy DB artifact (tag = schema version 2)")
	dbTag := fset.String("db-tag", "2", "tag of the Trivy DB artifact")
	_ = fset.Parse(args)
	if *dir == "" || *registry == "" {
		return fmt.Errorf("-dir and -registry are required")
	}
	opts := []name.Option{name.Insecure}

	if b, err := os.ReadFile(filepath.Join(*dir, "images.json")); err == nil {
		var index []imageIndexEntry
		if err := json.Unmarshal(b, &index); err != nil {
			return err
		}
		for _, e := range index {
			ref, err := name.NewTag(*registry+"/"+e.Name+":"+e.Tag, opts...)
			if err != nil {
				return err
			}
			img, err := tarball.ImageFromPath(filepath.Join(*dir, e.Tarball), nil)
			if err != nil {
				return err
			}
			if err := remote.Write(ref, img); err != nil {
				return fmt.Errorf("push %s: %w", ref, err)
			}
			fmt.Printf("pushed %s\n", ref)
		}
	} else if !os.IsNotExist(err) {
		return err
	}

	archive := filepath.Join(*dir, "db.tar.gz")
	if b, err := os.ReadFile(archive); err == nil {
		ref, err := name.NewTag(*registry+"/"+*dbRepo+":"+*dbTag, opts...)
		if err != nil {
			return err
		}
		img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
		img = mutate.ConfigMediaType(img, trivyConfigMediaType)
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:       static.NewLayer(b, trivyDBLayerType),
			Annotations: map[string]string{"org.opencontainers.image.title": "db.tar.gz"},
			MediaType:   trivyDBLayerType,
		})
		if err != nil {
			return err
		}
		if err := remote.Write(ref, img); err != nil {
			return fmt.Errorf("push %s: %w", ref, err)
		}
		fmt.Printf("pushed %s\n", ref)
	} else if !os.IsNotExist(err) {
		return err
	}
	return nil
}
