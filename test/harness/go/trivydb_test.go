package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
)

// Reads the built DB back through trivy-db's own accessors, the ones Trivy's detectors call.
func TestTrivyDBReadBack(t *testing.T) {
	out := t.TempDir()
	if err := cmdTrivyDB([]string{"-fixtures", filepath.Join("..", "fixtures", "advisories.yaml"), "-out", out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "db.tar.gz")); err != nil {
		t.Fatal(err)
	}
	meta, err := metadata.NewClient(out).Get()
	if err != nil || meta.Version != db.SchemaVersion || !meta.NextUpdate.After(meta.UpdatedAt) {
		t.Fatalf("metadata %+v %v", meta, err)
	}
	if err := db.Init(out); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dbc := db.Config{}
	cases := []struct{ bucket, pkg, id, fixed string }{
		{"alpine 3.22", "zlib", "CVE-2022-37434", "1.2.12-r2"},
		{"debian 13", "expat", "CVE-2025-59375", "2.7.1-2+deb13u1"},
		{"npm::", "lodash", "CVE-2021-23337", ""},
		{"pip::", "pyyaml", "CVE-2020-14343", ""},
		{"go::", "github.com/gin-gonic/gin", "CVE-2023-29401", ""},
	}
	for _, c := range cases {
		advs, err := dbc.GetAdvisories(c.bucket, c.pkg)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range advs {
			if a.VulnerabilityID == c.id && a.FixedVersion == c.fixed {
				found = true
			}
		}
		if !found {
			t.Errorf("%s/%s: %s not found in %+v", c.bucket, c.pkg, c.id, advs)
		}
	}
	v, err := dbc.GetVulnerability("CVE-2021-44906")
	if err != nil || v.Severity != "CRITICAL" || v.VendorSeverity["ghsa"] != 4 {
		t.Errorf("vulnerability detail %+v %v", v, err)
	}
}
